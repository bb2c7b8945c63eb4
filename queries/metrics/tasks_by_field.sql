-- Tasks per field for one displayed unit ($unit) or the whole province ($unit NULL).
with
attributed as (
    select counts.*
    from kind_counts([$from], [$to], whole_month_list([$from], [$to]), true) as counts
    join unit_display($units) as display using (unit_id)
    where counts.kind = 'tasks' and ($unit is null or display.display_unit_id = $unit)
),
summed as (
    select
        coalesce(field, 'Không rõ lĩnh vực') as field,
        cast(sum(new_online + new_offline + carried_over) as bigint) as tasks_total,
        cast(sum(resolved_early + resolved_on_time) as bigint) as tasks_done_on_time,
        cast(sum(resolved_late) as bigint) as tasks_done_late,
        cast(sum(pending_on_time) as bigint) as tasks_open_on_time,
        cast(sum(pending_overdue) as bigint) as tasks_open_overdue,
        cast(sum(no_deadline_resolved + no_deadline_pending) as bigint) as tasks_no_deadline,
        cast(sum(due_soon) as bigint) as tasks_due_soon
    from attributed
    group by 1
),
final as (
    select *, unnest(task_rates(tasks_total, tasks_done_late, tasks_open_overdue, tasks_no_deadline))
    from summed
    order by tasks_total desc, field collate vi
)
select * from final
