-- task_counts(d_from, d_to, from_months, by_field): tasks per reported lead unit and field (METRICS.md
-- section 4): the four official classes plus no deadline (tasks_total is their sum; early counts as done on time), and the
-- open tasks within deadline that fall due in the 7 days after d_to. Read from metrics_month_counts
-- (period_counts) when from_months (see case_counts, also for by_field), else classified from the items.
create or replace macro task_counts(d_from, d_to, from_months, by_field) as table
with
items as (
    select * from items_classified(d_from, d_to) where kind = 'tasks' and not from_months
),
classified_counts as (
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
),
from_month_rows as (
    select
        unit_id,
        field,
        new_online + new_offline + carried_over as tasks_total,
        resolved_early + resolved_on_time as tasks_done_on_time,
        resolved_late as tasks_done_late,
        pending_on_time as tasks_open_on_time,
        pending_overdue as tasks_open_overdue,
        no_deadline_resolved + no_deadline_pending as tasks_no_deadline,
        due_soon as tasks_due_soon
    from period_counts(d_from, d_to, by_field)
    where kind = 'tasks' and from_months
),
final as (
    select * from classified_counts
    union all
    select * from from_month_rows
)
select * from final
