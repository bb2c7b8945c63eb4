-- month_cutoff(d_from, d_to): the cut-off under which [d_from, d_to] is a run of whole months, else NULL:
-- 'calendar' from a 1st to a last day of a month, 'decree09' from a 15th to a 14th (METRICS.md section 1),
-- at most 20 years long. Such a period is answered from metrics_month_counts (schema 021, macro
-- period_counts), any other from the items. Built from constants only, so DuckDB folds it when the dates are
-- bound parameters and plans just one of the two paths. oversight.metrics.month_span mirrors it.
create or replace macro month_cutoff(d_from, d_to) as
    case
        when cast(d_from as date) > cast(d_to as date)
            or date_diff('day', cast(d_from as date), cast(d_to as date)) > 7320 then null
        when day(cast(d_from as date)) = 1 and cast(d_to as date) = last_day(cast(d_to as date)) then 'calendar'
        when day(cast(d_from as date)) = 15 and day(cast(d_to as date)) = 14 then 'decree09'
    end
