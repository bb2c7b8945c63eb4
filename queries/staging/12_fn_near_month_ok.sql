-- near_month_ok(d_from, d_to): whether a custom period is worth answering from its near_month_run: four times the
-- days between its bounds and the nearest month bounds (the 1st nearest to d_from, the month end nearest to d_to) do
-- not outnumber its days.
create or replace macro near_month_ok(d_from, d_to) as
    4 * (
        least(day(cast(d_from as date)) - 1, day(last_day(cast(d_from as date))) - day(cast(d_from as date)) + 1)
        + least(day(last_day(cast(d_to as date))) - day(cast(d_to as date)), day(cast(d_to as date)))
    ) <= cast(d_to as date) - cast(d_from as date) + 1
    -- the run within month_cutoff's 20 years (it reaches at most 16 days past either bound)
    and cast(d_to as date) - cast(d_from as date) <= 7280
