-- Province totals for [$from, $to]: every count summed over all units, rates recomputed from the sums.
with
cases_sum as (
    select
        count(*) as cases_units,
        cast(coalesce(sum(cases_total), 0) as bigint) as cases_total,
        cast(coalesce(sum(cases_new_online), 0) as bigint) as cases_new_online,
        cast(coalesce(sum(cases_new_offline), 0) as bigint) as cases_new_offline,
        cast(coalesce(sum(cases_carried_over), 0) as bigint) as cases_carried_over,
        cast(coalesce(sum(cases_resolved), 0) as bigint) as cases_resolved,
        cast(coalesce(sum(cases_resolved_early), 0) as bigint) as cases_resolved_early,
        cast(coalesce(sum(cases_resolved_on_time), 0) as bigint) as cases_resolved_on_time,
        cast(coalesce(sum(cases_resolved_late), 0) as bigint) as cases_resolved_late,
        cast(coalesce(sum(cases_pending), 0) as bigint) as cases_pending,
        cast(coalesce(sum(cases_pending_on_time), 0) as bigint) as cases_pending_on_time,
        cast(coalesce(sum(cases_pending_overdue), 0) as bigint) as cases_pending_overdue,
        cast(coalesce(sum(cases_no_deadline), 0) as bigint) as cases_no_deadline
    from unit_cases($from, $to, 'reported', whole_months($from, $to))
),
tasks_sum as (
    select
        count(*) as tasks_units,
        cast(coalesce(sum(tasks_total), 0) as bigint) as tasks_total,
        cast(coalesce(sum(tasks_done_on_time), 0) as bigint) as tasks_done_on_time,
        cast(coalesce(sum(tasks_done_late), 0) as bigint) as tasks_done_late,
        cast(coalesce(sum(tasks_open_on_time), 0) as bigint) as tasks_open_on_time,
        cast(coalesce(sum(tasks_open_overdue), 0) as bigint) as tasks_open_overdue,
        cast(coalesce(sum(tasks_no_deadline), 0) as bigint) as tasks_no_deadline,
        cast(coalesce(sum(tasks_due_soon), 0) as bigint) as tasks_due_soon
    from unit_tasks($from, $to, 'reported', whole_months($from, $to))
),
feedback_sum as (
    select
        count(*) as feedback_units,
        cast(coalesce(sum(feedback_total), 0) as bigint) as feedback_total,
        cast(coalesce(sum(feedback_done_on_time), 0) as bigint) as feedback_done_on_time,
        cast(coalesce(sum(feedback_done_late), 0) as bigint) as feedback_done_late,
        cast(coalesce(sum(feedback_open_on_time), 0) as bigint) as feedback_open_on_time,
        cast(coalesce(sum(feedback_open_overdue), 0) as bigint) as feedback_open_overdue,
        cast(coalesce(sum(feedback_no_deadline), 0) as bigint) as feedback_no_deadline,
        cast(coalesce(sum(feedback_rated), 0) as bigint) as feedback_rated,
        cast(coalesce(sum(feedback_satisfied), 0) as bigint) as feedback_satisfied
    from unit_feedback($from, $to, 'reported', whole_months($from, $to))
),
final as (
    select
        cast($from as date) as period_from,
        cast($to as date) as period_to,
        cases_sum.*,
        unnest(case_rates(cases_total, cases_resolved_early, cases_resolved_on_time, cases_resolved_late,
            cases_pending_on_time, cases_pending_overdue)),
        tasks_sum.*,
        unnest(task_rates(tasks_total, tasks_done_late, tasks_open_overdue, tasks_no_deadline)),
        feedback_sum.*,
        unnest(feedback_rates(feedback_total, feedback_done_on_time, feedback_done_late, feedback_open_on_time,
            feedback_open_overdue, feedback_no_deadline, feedback_rated, feedback_satisfied))
    from cases_sum, tasks_sum, feedback_sum
)
select * from final
