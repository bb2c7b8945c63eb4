-- unit_scorecard(d_from, d_to, units_mode): one row per displayed unit with any task, case or feedback
-- in the period: every count of METRICS.md sections 3-5 (0 when the unit has none of that kind) and every
-- rate (NULL when its denominator is zero), with the unit's name, code and group.
create or replace macro unit_scorecard(d_from, d_to, units_mode) as table
with
cases_part as (
    select * from unit_cases(d_from, d_to, units_mode, whole_months(d_from, d_to))
),
tasks_part as (
    select * from unit_tasks(d_from, d_to, units_mode, whole_months(d_from, d_to))
),
feedback_part as (
    select * from unit_feedback(d_from, d_to, units_mode, whole_months(d_from, d_to))
),
unit_ids as (
    select unit_id from cases_part
    union
    select unit_id from tasks_part
    union
    select unit_id from feedback_part
),
final as (
    select
        units.unit_id,
        units.name as unit_name,
        units.short_name as unit_short_name,
        units.code as unit_code,
        units.unit_group,
        units.unit_type,
        units.valid_to as unit_valid_to,
        c.cases_source,
        coalesce(c.cases_total, 0) as cases_total,
        coalesce(c.cases_new_online, 0) as cases_new_online,
        coalesce(c.cases_new_offline, 0) as cases_new_offline,
        coalesce(c.cases_carried_over, 0) as cases_carried_over,
        coalesce(c.cases_resolved, 0) as cases_resolved,
        coalesce(c.cases_resolved_early, 0) as cases_resolved_early,
        coalesce(c.cases_resolved_on_time, 0) as cases_resolved_on_time,
        coalesce(c.cases_resolved_late, 0) as cases_resolved_late,
        coalesce(c.cases_pending, 0) as cases_pending,
        coalesce(c.cases_pending_on_time, 0) as cases_pending_on_time,
        coalesce(c.cases_pending_overdue, 0) as cases_pending_overdue,
        coalesce(c.cases_no_deadline, 0) as cases_no_deadline,
        c.cases_late_rate,
        c.cases_on_time_rate,
        c.cases_766_progress_ratio,
        c.cases_766_progress_score,
        coalesce(t.tasks_total, 0) as tasks_total,
        coalesce(t.tasks_done_on_time, 0) as tasks_done_on_time,
        coalesce(t.tasks_done_late, 0) as tasks_done_late,
        coalesce(t.tasks_open_on_time, 0) as tasks_open_on_time,
        coalesce(t.tasks_open_overdue, 0) as tasks_open_overdue,
        coalesce(t.tasks_no_deadline, 0) as tasks_no_deadline,
        coalesce(t.tasks_due_soon, 0) as tasks_due_soon,
        t.tasks_overdue_rate,
        coalesce(f.feedback_total, 0) as feedback_total,
        coalesce(f.feedback_done_on_time, 0) as feedback_done_on_time,
        coalesce(f.feedback_done_late, 0) as feedback_done_late,
        coalesce(f.feedback_open_on_time, 0) as feedback_open_on_time,
        coalesce(f.feedback_open_overdue, 0) as feedback_open_overdue,
        coalesce(f.feedback_no_deadline, 0) as feedback_no_deadline,
        coalesce(f.feedback_rated, 0) as feedback_rated,
        coalesce(f.feedback_satisfied, 0) as feedback_satisfied,
        f.feedback_overdue_rate,
        f.feedback_766_on_time_ratio,
        coalesce(f.feedback_766_points, 6.0) as feedback_766_points,
        f.feedback_satisfaction_rate
    from unit_ids
    join units using (unit_id)
    left join cases_part as c using (unit_id)
    left join tasks_part as t using (unit_id)
    left join feedback_part as f using (unit_id)
)
select * from final
