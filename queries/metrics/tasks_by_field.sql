-- Tasks per field for one displayed unit ($unit) or the whole province ($unit NULL).
with
attributed as (
    select display.display_unit_id, counts.*
    from task_counts($from, $to, whole_months($from, $to), true) as counts
    join unit_display($units) as display using (unit_id)
    where $unit is null or display.display_unit_id = $unit
),
summed as (
    select
        coalesce(field, 'Không rõ lĩnh vực') as field,
        cast(sum(tasks_total) as bigint) as tasks_total,
        cast(sum(tasks_done_on_time) as bigint) as tasks_done_on_time,
        cast(sum(tasks_done_late) as bigint) as tasks_done_late,
        cast(sum(tasks_open_on_time) as bigint) as tasks_open_on_time,
        cast(sum(tasks_open_overdue) as bigint) as tasks_open_overdue,
        cast(sum(tasks_no_deadline) as bigint) as tasks_no_deadline,
        cast(sum(tasks_due_soon) as bigint) as tasks_due_soon
    from attributed
    group by 1
),
final as (
    select *, unnest(task_rates(tasks_total, tasks_done_late, tasks_open_overdue, tasks_no_deadline))
    from summed
    order by tasks_total desc, field collate vi
)
select * from final
