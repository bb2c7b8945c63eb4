-- Feedback per handling unit: counts, overdue rate, 766 on-time ratio and points, satisfaction.
-- $field: only the items of that field (lĩnh vực, as stored; 'Không rõ lĩnh vực' = none), NULL = every field.
with
counts as (
    select * from unit_counts([$from], [$to], $units, $field) where has_feedback
),
final as (
    select
        units.name as unit_name,
        units.code as unit_code,
        units.unit_group,
        counts.unit_id,
        counts.feedback_total,
        counts.feedback_done_on_time,
        counts.feedback_done_late,
        counts.feedback_open_on_time,
        counts.feedback_open_overdue,
        counts.feedback_no_deadline,
        counts.feedback_rated,
        counts.feedback_satisfied,
        counts.feedback_overdue_rate,
        counts.feedback_766_on_time_ratio,
        counts.feedback_766_points,
        counts.feedback_satisfaction_rate
    from counts
    join units using (unit_id)
    where $group = 'all' or units.unit_group = $group
    order by units.unit_group, units.name collate vi
)
select * from final
