create or replace macro near_month_end(d) as
    case
        when 2 * day(cast(d as date)) >= day(last_day(cast(d as date))) then last_day(cast(d as date))
        else cast(d as date) - cast(day(cast(d as date)) as integer)
    end
