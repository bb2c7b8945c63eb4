-- task_counts(d_from, d_to): tasks per reported lead unit and field (METRICS.md section 4): the four
-- official classes plus no deadline (tasks_total is their sum; early counts as done on time), and the
-- open tasks within deadline that fall due in the 7 days after d_to.
create or replace macro task_counts(d_from, d_to) as table
with
items as (
    select * from items_classified(d_from, d_to) where kind = 'tasks'
),
final as (
    select
        unit_id,
        field,
        count(*) as tasks_total,
        count(*) filter (where outcome in ('resolved_early', 'resolved_on_time')) as tasks_done_on_time,
        count(*) filter (where outcome = 'resolved_late') as tasks_done_late,
        count(*) filter (where outcome = 'pending_on_time') as tasks_open_on_time,
        count(*) filter (where outcome = 'pending_overdue') as tasks_open_overdue,
        count(*) filter (where no_deadline) as tasks_no_deadline,
        count(*) filter (where is_due_soon) as tasks_due_soon
    from items
    group by unit_id, field
)
select * from final
