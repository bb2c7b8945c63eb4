-- kind_sums(by_kind): every count of METRICS.md sections 3-5 (cases_total ... feedback_satisfied, 0 when there is
-- none of that kind) summed over a group of per-kind class_sums rows (`by_kind` is the row: kind and the class
-- counts), as a struct to unnest; month_sums gives the same struct from metrics_month_units rows.
create or replace macro kind_sums(by_kind) as {
    'cases_total': cast(coalesce(sum(by_kind.new_online + by_kind.new_offline + by_kind.carried_over)
        filter (where by_kind.kind = 'cases'), 0) as bigint),
    'cases_new_online': cast(coalesce(sum(by_kind.new_online) filter (where by_kind.kind = 'cases'), 0) as bigint),
    'cases_new_offline': cast(coalesce(sum(by_kind.new_offline) filter (where by_kind.kind = 'cases'), 0) as bigint),
    'cases_carried_over': cast(coalesce(sum(by_kind.carried_over) filter (where by_kind.kind = 'cases'), 0)
        as bigint),
    'cases_resolved': cast(coalesce(sum(by_kind.resolved_early + by_kind.resolved_on_time + by_kind.resolved_late)
        filter (where by_kind.kind = 'cases'), 0) as bigint),
    'cases_resolved_early': cast(coalesce(sum(by_kind.resolved_early) filter (where by_kind.kind = 'cases'), 0)
        as bigint),
    'cases_resolved_on_time': cast(coalesce(sum(by_kind.resolved_on_time) filter (where by_kind.kind = 'cases'), 0)
        as bigint),
    'cases_resolved_late': cast(coalesce(sum(by_kind.resolved_late) filter (where by_kind.kind = 'cases'), 0)
        as bigint),
    'cases_pending': cast(coalesce(sum(by_kind.pending_on_time + by_kind.pending_overdue)
        filter (where by_kind.kind = 'cases'), 0) as bigint),
    'cases_pending_on_time': cast(coalesce(sum(by_kind.pending_on_time) filter (where by_kind.kind = 'cases'), 0)
        as bigint),
    'cases_pending_overdue': cast(coalesce(sum(by_kind.pending_overdue) filter (where by_kind.kind = 'cases'), 0)
        as bigint),
    'cases_no_deadline': cast(coalesce(sum(by_kind.no_deadline_resolved + by_kind.no_deadline_pending)
        filter (where by_kind.kind = 'cases'), 0) as bigint),
    'tasks_total': cast(coalesce(sum(by_kind.new_online + by_kind.new_offline + by_kind.carried_over)
        filter (where by_kind.kind = 'tasks'), 0) as bigint),
    'tasks_done_on_time': cast(coalesce(sum(by_kind.resolved_early + by_kind.resolved_on_time)
        filter (where by_kind.kind = 'tasks'), 0) as bigint),
    'tasks_done_late': cast(coalesce(sum(by_kind.resolved_late) filter (where by_kind.kind = 'tasks'), 0) as bigint),
    'tasks_open_on_time': cast(coalesce(sum(by_kind.pending_on_time) filter (where by_kind.kind = 'tasks'), 0)
        as bigint),
    'tasks_open_overdue': cast(coalesce(sum(by_kind.pending_overdue) filter (where by_kind.kind = 'tasks'), 0)
        as bigint),
    'tasks_no_deadline': cast(coalesce(sum(by_kind.no_deadline_resolved + by_kind.no_deadline_pending)
        filter (where by_kind.kind = 'tasks'), 0) as bigint),
    'tasks_due_soon': cast(coalesce(sum(by_kind.due_soon) filter (where by_kind.kind = 'tasks'), 0) as bigint),
    'feedback_total': cast(coalesce(sum(by_kind.new_online + by_kind.new_offline + by_kind.carried_over)
        filter (where by_kind.kind = 'feedback'), 0) as bigint),
    'feedback_done_on_time': cast(coalesce(sum(by_kind.resolved_early + by_kind.resolved_on_time)
        filter (where by_kind.kind = 'feedback'), 0) as bigint),
    'feedback_done_late': cast(coalesce(sum(by_kind.resolved_late) filter (where by_kind.kind = 'feedback'), 0)
        as bigint),
    'feedback_open_on_time': cast(coalesce(sum(by_kind.pending_on_time) filter (where by_kind.kind = 'feedback'), 0)
        as bigint),
    'feedback_open_overdue': cast(coalesce(sum(by_kind.pending_overdue) filter (where by_kind.kind = 'feedback'), 0)
        as bigint),
    'feedback_no_deadline': cast(coalesce(sum(by_kind.no_deadline_resolved + by_kind.no_deadline_pending)
        filter (where by_kind.kind = 'feedback'), 0) as bigint),
    'feedback_rated': cast(coalesce(sum(by_kind.rated) filter (where by_kind.kind = 'feedback'), 0) as bigint),
    'feedback_satisfied': cast(coalesce(sum(by_kind.satisfied) filter (where by_kind.kind = 'feedback'), 0)
        as bigint)
}
