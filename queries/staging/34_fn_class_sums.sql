-- class_sums(counts): the class counts of kind_counts rows summed over a group (`counts` is the row, e.g. the table
-- alias): new_online, new_offline, carried_over, each counted outcome, no_deadline resolved / pending, due_soon,
-- rated and satisfied, as a struct of the same names to unnest. unit_counts and period_totals sum per kind with it.
create or replace macro class_sums(counts) as {
    'new_online': sum(counts.new_online),
    'new_offline': sum(counts.new_offline),
    'carried_over': sum(counts.carried_over),
    'resolved_early': sum(counts.resolved_early),
    'resolved_on_time': sum(counts.resolved_on_time),
    'resolved_late': sum(counts.resolved_late),
    'pending_on_time': sum(counts.pending_on_time),
    'pending_overdue': sum(counts.pending_overdue),
    'no_deadline_resolved': sum(counts.no_deadline_resolved),
    'no_deadline_pending': sum(counts.no_deadline_pending),
    'due_soon': sum(counts.due_soon),
    'rated': sum(counts.rated),
    'satisfied': sum(counts.satisfied)
}
