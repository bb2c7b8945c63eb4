-- unit_scorecard(froms, tos, units_mode, field_filter): for every period [froms[i], tos[i]] (period_no = i), one
-- row per unit the period lists (METRICS.md section 6, macro unit_counts: the units that existed during some part
-- of it and those with data in it): every count of METRICS.md sections 3-5 (0 when the unit has none of that kind)
-- and every rate (NULL when its denominator is zero), with the unit's name, code and group (also for field_filter).
create or replace macro unit_scorecard(froms, tos, units_mode, field_filter) as table
with
final as (
    select
        c.period_no,
        units.unit_id,
        units.name as unit_name,
        units.short_name as unit_short_name,
        units.code as unit_code,
        units.unit_group,
        units.unit_type,
        units.valid_to as unit_valid_to,
        c.cases_source,
        c.cases_total,
        c.cases_new_online,
        c.cases_new_offline,
        c.cases_carried_over,
        c.cases_resolved,
        c.cases_resolved_early,
        c.cases_resolved_on_time,
        c.cases_resolved_late,
        c.cases_pending,
        c.cases_pending_on_time,
        c.cases_pending_overdue,
        c.cases_no_deadline,
        c.cases_late_rate,
        c.cases_on_time_rate,
        c.cases_766_progress_ratio,
        c.cases_766_progress_score,
        c.tasks_total,
        c.tasks_done_on_time,
        c.tasks_done_late,
        c.tasks_open_on_time,
        c.tasks_open_overdue,
        c.tasks_no_deadline,
        c.tasks_due_soon,
        c.tasks_overdue_rate,
        c.feedback_total,
        c.feedback_done_on_time,
        c.feedback_done_late,
        c.feedback_open_on_time,
        c.feedback_open_overdue,
        c.feedback_no_deadline,
        c.feedback_rated,
        c.feedback_satisfied,
        c.feedback_overdue_rate,
        c.feedback_766_on_time_ratio,
        c.feedback_766_points,
        c.feedback_satisfaction_rate
        from unit_counts(froms, tos, units_mode, field_filter) as c
    join units using (unit_id)
)
select * from final
