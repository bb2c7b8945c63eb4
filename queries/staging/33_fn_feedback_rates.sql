-- feedback_rates(...): METRICS.md section 5. Items without deadline are left out of the denominators
-- (section 2), so the denominator is total - no_deadline (= total when every item has a deadline).
-- 766 points = 6 x the on-time ratio, and 6 when there is nothing to judge.
create or replace macro feedback_rates(total, done_on_time, done_late, open_on_time, open_overdue, no_deadline,
    rated, satisfied) as
    {
        'feedback_overdue_rate': ratio(done_late + open_overdue, total - no_deadline),
        'feedback_766_on_time_ratio': ratio(done_on_time + open_on_time, total - no_deadline),
        'feedback_766_points': coalesce(6 * ratio(done_on_time + open_on_time, total - no_deadline), 6.0),
        'feedback_satisfaction_rate': ratio(satisfied, rated)
    }
