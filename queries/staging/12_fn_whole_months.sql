-- whole_months(d_from, d_to): [d_from, d_to] is a run of whole months (month_cutoff not NULL), so its counts
-- are read from metrics_month_counts. The count macros take it as their from_months argument.
create or replace macro whole_months(d_from, d_to) as
    month_cutoff(d_from, d_to) is not null
