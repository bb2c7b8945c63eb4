-- province_totals for a single month whose previous period is a single month too, both without Biểu 06
-- aggregates in them (oversight.metrics chooses this file): the same rows and columns, read from the finished
-- rows of metrics_month_totals (schema 075), all units as reported: [$from, $to] (period_no 1) and
-- [$prev_from, $prev_to] (period_no 2). When a month's row is not there (dropped by a refresh meanwhile) it
-- raises 'metrics_month_totals: not built', and oversight.metrics takes the lean path.
-- $field: this file answers only every field (NULL); oversight.metrics never asks it for one field.
with
wanted as (
    select * from period_list([$from, $prev_from], [$to, $prev_to])
),
found as (
    select
        wanted.period_no,
        wanted.period_from,
        wanted.period_to,
        totals.* exclude (cutoff, month_from, month_to, units_mode, unit_group)
    from wanted
    join metrics_month_totals as totals
        on totals.month_from = wanted.period_from
        and totals.month_to = wanted.period_to
        and totals.units_mode = 'reported'
        and totals.unit_group = 'all'
),
checked as (
    select
        case
            when count(*) = 2 and $field is null then true
            else error('metrics_month_totals: not built')
        end as ok
    from found
),
final as (
    select found.*
    from checked
    join found on checked.ok
    order by found.period_no
)
select * from final
