-- near_month_end(d): the last day of a month nearest to d (a tie takes d's month): the end of a period's
-- near_month_run (12_fn_near_month_run.sql).
create or replace macro near_month_end(d) as
    case
        when 2 * day(cast(d as date)) >= day(last_day(cast(d as date))) then last_day(cast(d as date))
        else cast(d as date) - cast(day(cast(d as date)) as integer)
    end
