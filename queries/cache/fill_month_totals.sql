-- The rows of metrics_month_totals (schema 075) of the months [$month_from[i], $month_to[i]] just built: for each
-- month, both unit modes, all units and each group, the totals period_month_totals gives that month alone
-- (read from metrics_month_units, which the same build filled first). Sorted by month, so that reading a month
-- skips the other row groups.
insert into metrics_month_totals by name
with
totals as (
    select 'reported' as units_mode, 'all' as unit_group, *
    from period_month_totals($month_from, $month_to, 'reported', 'all', null, null)
    union all
    select 'reported', 'department', *
    from period_month_totals($month_from, $month_to, 'reported', 'department', null, null)
    union all
    select 'reported', 'district', *
    from period_month_totals($month_from, $month_to, 'reported', 'district', null, null)
    union all
    select 'reported', 'commune', *
    from period_month_totals($month_from, $month_to, 'reported', 'commune', null, null)
    union all
    select 'today', 'all', *
    from period_month_totals($month_from, $month_to, 'today', 'all', null, null)
    union all
    select 'today', 'department', *
    from period_month_totals($month_from, $month_to, 'today', 'department', null, null)
    union all
    select 'today', 'district', *
    from period_month_totals($month_from, $month_to, 'today', 'district', null, null)
    union all
    select 'today', 'commune', *
    from period_month_totals($month_from, $month_to, 'today', 'commune', null, null)
),
final as (
    select
        month_cutoff(period_from, period_to) as cutoff,
        period_from as month_from,
        period_to as month_to,
        * exclude (period_no, period_from, period_to)
    from totals
    where month_cutoff(period_from, period_to) is not null
    order by month_from, month_to, units_mode, unit_group
)
select * from final
