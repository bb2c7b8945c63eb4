-- unit_tasks(d_from, d_to, units_mode, from_months): task counts and the overdue rate per displayed lead unit.
-- from_months: the counts are read from metrics_month_counts (pass whole_months(d_from, d_to); see case_counts).
create or replace macro unit_tasks(d_from, d_to, units_mode, from_months) as table
with
summed as (
    select
        display.display_unit_id as unit_id,
        cast(sum(tasks_total) as bigint) as tasks_total,
        cast(sum(tasks_done_on_time) as bigint) as tasks_done_on_time,
        cast(sum(tasks_done_late) as bigint) as tasks_done_late,
        cast(sum(tasks_open_on_time) as bigint) as tasks_open_on_time,
        cast(sum(tasks_open_overdue) as bigint) as tasks_open_overdue,
        cast(sum(tasks_no_deadline) as bigint) as tasks_no_deadline,
        cast(sum(tasks_due_soon) as bigint) as tasks_due_soon
    from task_counts(d_from, d_to, from_months, false) as counts
    join unit_display(units_mode) as display using (unit_id)
    group by display.display_unit_id
),
final as (
    select *, unnest(task_rates(tasks_total, tasks_done_late, tasks_open_overdue, tasks_no_deadline))
    from summed
)
select * from final
