-- near_month_start(d): the 1st of a month nearest to d (a tie takes d's month): the start of a period's
-- near_month_run (12_fn_near_month_run.sql).
create or replace macro near_month_start(d) as
    cast(
        date_trunc('month', cast(d as date))
        + to_months(cast(2 * (day(cast(d as date)) - 1) > day(last_day(cast(d as date))) as integer))
        as date
    )
