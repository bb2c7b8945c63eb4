-- TTHC cases per field (lĩnh vực) for one displayed unit ($unit) or the whole province ($unit NULL).
with
attributed as (
    select display.display_unit_id, counts.*
    from case_counts($from, $to, whole_months($from, $to), true) as counts
    join unit_display($units) as display using (unit_id)
    where $unit is null or display.display_unit_id = $unit
),
summed as (
    select
        coalesce(field, 'Không rõ lĩnh vực') as field,
        cast(sum(cases_total) as bigint) as cases_total,
        cast(sum(cases_new_online) as bigint) as cases_new_online,
        cast(sum(cases_new_offline) as bigint) as cases_new_offline,
        cast(sum(cases_carried_over) as bigint) as cases_carried_over,
        cast(sum(cases_resolved) as bigint) as cases_resolved,
        cast(sum(cases_resolved_early) as bigint) as cases_resolved_early,
        cast(sum(cases_resolved_on_time) as bigint) as cases_resolved_on_time,
        cast(sum(cases_resolved_late) as bigint) as cases_resolved_late,
        cast(sum(cases_pending) as bigint) as cases_pending,
        cast(sum(cases_pending_on_time) as bigint) as cases_pending_on_time,
        cast(sum(cases_pending_overdue) as bigint) as cases_pending_overdue,
        cast(sum(cases_no_deadline) as bigint) as cases_no_deadline
    from attributed
    group by 1
),
final as (
    select
        *,
        unnest(case_rates(cases_total, cases_resolved_early, cases_resolved_on_time, cases_resolved_late,
            cases_pending_on_time, cases_pending_overdue))
    from summed
    order by cases_total desc, field collate vi
)
select * from final
