-- monthly_trend for months without Biểu 06 aggregates in them, over a group ($group, every field, no single unit:
-- oversight.metrics chooses this file): the same rows and columns, read from the finished rows of
-- metrics_month_totals (schema 075) of each month [$month_from[i], $month_to[i]] under the unit mode $units. When a
-- month's row is not there it raises 'metrics_month_totals: not built', and oversight.metrics takes the lean path.
-- $unit, $field: this file answers only NULL for both; oversight.metrics never asks it otherwise.
with
wanted as (
    select * from period_list($month_from, $month_to)
),
found as (
    select
        wanted.period_no,
        wanted.period_from as month_from,
        wanted.period_to as month_to,
        totals.* exclude (cutoff, month_from, month_to, units_mode, unit_group)
    from wanted
    join metrics_month_totals as totals
        on totals.month_from = wanted.period_from
        and totals.month_to = wanted.period_to
        and totals.units_mode = $units
        and totals.unit_group = $group
),
checked as (
    select
        case
            when count(*) = (select count(*) from wanted) and $unit is null and $field is null then true
            else error('metrics_month_totals: not built')
        end as ok
    from found
),
final as (
    select found.* exclude (period_no)
    from checked
    join found on checked.ok
    order by found.period_no
)
select * from final
