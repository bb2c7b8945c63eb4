-- Tasks per lead unit: the four official classes, no deadline, due soon and the overdue rate.
-- $field: only the items of that field (lĩnh vực, as stored; 'Không rõ lĩnh vực' = none), NULL = every field.
with
counts as (
    select * from unit_counts([$from], [$to], $units, $field) where has_tasks
),
final as (
    select
        units.name as unit_name,
        units.code as unit_code,
        units.unit_group,
        counts.unit_id,
        counts.tasks_total,
        counts.tasks_done_on_time,
        counts.tasks_done_late,
        counts.tasks_open_on_time,
        counts.tasks_open_overdue,
        counts.tasks_no_deadline,
        counts.tasks_due_soon,
        counts.tasks_overdue_rate
    from counts
    join units using (unit_id)
    where $group = 'all' or units.unit_group = $group
    order by units.unit_group, units.name collate vi
)
select * from final
