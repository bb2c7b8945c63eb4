-- month_sums(month_row): every count of METRICS.md sections 3-5 (the struct kind_sums gives, same names, order and
-- types) summed over a group of month_unit_rows rows (`month_row` is the row: the kinds side by side), to unnest: the
-- whole-month path of unit_counts and period_totals.
create or replace macro month_sums(month_row) as {
    'cases_total': cast(sum(month_row.cases_new_online + month_row.cases_new_offline + month_row.cases_carried_over) as bigint),
    'cases_new_online': cast(sum(month_row.cases_new_online) as bigint),
    'cases_new_offline': cast(sum(month_row.cases_new_offline) as bigint),
    'cases_carried_over': cast(sum(month_row.cases_carried_over) as bigint),
    'cases_resolved': cast(sum(month_row.cases_resolved_early + month_row.cases_resolved_on_time + month_row.cases_resolved_late)
        as bigint),
    'cases_resolved_early': cast(sum(month_row.cases_resolved_early) as bigint),
    'cases_resolved_on_time': cast(sum(month_row.cases_resolved_on_time) as bigint),
    'cases_resolved_late': cast(sum(month_row.cases_resolved_late) as bigint),
    'cases_pending': cast(sum(month_row.cases_pending_on_time + month_row.cases_pending_overdue) as bigint),
    'cases_pending_on_time': cast(sum(month_row.cases_pending_on_time) as bigint),
    'cases_pending_overdue': cast(sum(month_row.cases_pending_overdue) as bigint),
    'cases_no_deadline': cast(sum(month_row.cases_no_deadline_resolved + month_row.cases_no_deadline_pending) as bigint),
    'tasks_total': cast(sum(month_row.tasks_new + month_row.tasks_carried_over) as bigint),
    'tasks_done_on_time': cast(sum(month_row.tasks_done_on_time) as bigint),
    'tasks_done_late': cast(sum(month_row.tasks_done_late) as bigint),
    'tasks_open_on_time': cast(sum(month_row.tasks_open_on_time) as bigint),
    'tasks_open_overdue': cast(sum(month_row.tasks_open_overdue) as bigint),
    'tasks_no_deadline': cast(sum(month_row.tasks_no_deadline_resolved + month_row.tasks_no_deadline_pending) as bigint),
    'tasks_due_soon': cast(sum(month_row.tasks_due_soon) as bigint),
    'feedback_total': cast(sum(month_row.feedback_new + month_row.feedback_carried_over) as bigint),
    'feedback_done_on_time': cast(sum(month_row.feedback_done_on_time) as bigint),
    'feedback_done_late': cast(sum(month_row.feedback_done_late) as bigint),
    'feedback_open_on_time': cast(sum(month_row.feedback_open_on_time) as bigint),
    'feedback_open_overdue': cast(sum(month_row.feedback_open_overdue) as bigint),
    'feedback_no_deadline': cast(sum(month_row.feedback_no_deadline_resolved + month_row.feedback_no_deadline_pending)
        as bigint),
    'feedback_rated': cast(sum(month_row.feedback_rated) as bigint),
    'feedback_satisfied': cast(sum(month_row.feedback_satisfied) as bigint)
}
