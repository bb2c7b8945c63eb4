-- TTHC cases per field (lĩnh vực) for one displayed unit ($unit) or the whole province ($unit NULL).
with
attributed as (
    select counts.*
    from kind_counts([$from], [$to], whole_month_list([$from], [$to]), true) as counts
    join unit_display($units) as display using (unit_id)
    where counts.kind = 'cases' and ($unit is null or display.display_unit_id = $unit)
),
summed as (
    select
        coalesce(field, 'Không rõ lĩnh vực') as field,
        cast(sum(new_online + new_offline + carried_over) as bigint) as cases_total,
        cast(sum(new_online) as bigint) as cases_new_online,
        cast(sum(new_offline) as bigint) as cases_new_offline,
        cast(sum(carried_over) as bigint) as cases_carried_over,
        cast(sum(resolved_early + resolved_on_time + resolved_late) as bigint) as cases_resolved,
        cast(sum(resolved_early) as bigint) as cases_resolved_early,
        cast(sum(resolved_on_time) as bigint) as cases_resolved_on_time,
        cast(sum(resolved_late) as bigint) as cases_resolved_late,
        cast(sum(pending_on_time + pending_overdue) as bigint) as cases_pending,
        cast(sum(pending_on_time) as bigint) as cases_pending_on_time,
        cast(sum(pending_overdue) as bigint) as cases_pending_overdue,
        cast(sum(no_deadline_resolved + no_deadline_pending) as bigint) as cases_no_deadline
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
