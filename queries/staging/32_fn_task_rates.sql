-- task_rates(...): METRICS.md section 4; tasks without deadline are left out of the denominator.
create or replace macro task_rates(total, done_late, open_overdue, no_deadline) as
    {
        'tasks_overdue_rate': ratio(done_late + open_overdue, total - no_deadline)
    }
