-- unit_month_scorecard(froms, tos, units_mode, field_filter): unit_scorecard for periods of whole months without
-- Biểu 06 aggregates in them (oversight.metrics chooses this path), summed from metrics_month_units
-- (month_unit_rows): the same rows and columns, in the same order, without pivoting the kinds per query; the same
-- units listed (period_units and the units with data, zeros for those without).
create or replace macro unit_month_scorecard(froms, tos, units_mode, field_filter) as table
with
summed as (
    select
        rows.period_no,
        display.display_unit_id as unit_id,
        bool_or(rows.has_cases) as has_cases,
        cast(sum(cases_new_online) as bigint) as cases_new_online,
        cast(sum(cases_new_offline) as bigint) as cases_new_offline,
        cast(sum(cases_carried_over) as bigint) as cases_carried_over,
        cast(sum(cases_resolved_early) as bigint) as cases_resolved_early,
        cast(sum(cases_resolved_on_time) as bigint) as cases_resolved_on_time,
        cast(sum(cases_resolved_late) as bigint) as cases_resolved_late,
        cast(sum(cases_pending_on_time) as bigint) as cases_pending_on_time,
        cast(sum(cases_pending_overdue) as bigint) as cases_pending_overdue,
        cast(sum(cases_no_deadline_resolved + cases_no_deadline_pending) as bigint) as cases_no_deadline,
        cast(sum(tasks_new + tasks_carried_over) as bigint) as tasks_total,
        cast(sum(tasks_done_on_time) as bigint) as tasks_done_on_time,
        cast(sum(tasks_done_late) as bigint) as tasks_done_late,
        cast(sum(tasks_open_on_time) as bigint) as tasks_open_on_time,
        cast(sum(tasks_open_overdue) as bigint) as tasks_open_overdue,
        cast(sum(tasks_no_deadline_resolved + tasks_no_deadline_pending) as bigint) as tasks_no_deadline,
        cast(sum(tasks_due_soon) as bigint) as tasks_due_soon,
        cast(sum(feedback_new + feedback_carried_over) as bigint) as feedback_total,
        cast(sum(feedback_done_on_time) as bigint) as feedback_done_on_time,
        cast(sum(feedback_done_late) as bigint) as feedback_done_late,
        cast(sum(feedback_open_on_time) as bigint) as feedback_open_on_time,
        cast(sum(feedback_open_overdue) as bigint) as feedback_open_overdue,
        cast(sum(feedback_no_deadline_resolved + feedback_no_deadline_pending) as bigint) as feedback_no_deadline,
        cast(sum(feedback_rated) as bigint) as feedback_rated,
        cast(sum(feedback_satisfied) as bigint) as feedback_satisfied
    from month_unit_rows(froms, tos, field_filter is not null, field_filter) as rows
    join unit_display(units_mode) as display using (unit_id)
    group by rows.period_no, display.display_unit_id
),
listed as (
    -- the units the period lists (METRICS.md section 6, as unit_counts): those that existed in it, and those with data
    select period_no, unit_id from period_units(froms, tos, units_mode)
    union
    select period_no, unit_id from summed
),
padded as (
    select
        listed.period_no,
        listed.unit_id,
        coalesce(summed.has_cases, false) as has_cases,
        coalesce(columns(summed.* exclude (period_no, unit_id, has_cases)), 0)
    from listed
    left join summed using (period_no, unit_id)
),
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
        case when c.has_cases then 'cases' end as cases_source,
        c.cases_new_online + c.cases_new_offline + c.cases_carried_over as cases_total,
        c.cases_new_online,
        c.cases_new_offline,
        c.cases_carried_over,
        c.cases_resolved_early + c.cases_resolved_on_time + c.cases_resolved_late as cases_resolved,
        c.cases_resolved_early,
        c.cases_resolved_on_time,
        c.cases_resolved_late,
        c.cases_pending_on_time + c.cases_pending_overdue as cases_pending,
        c.cases_pending_on_time,
        c.cases_pending_overdue,
        c.cases_no_deadline,
        unnest(case_rates(c.cases_new_online + c.cases_new_offline + c.cases_carried_over, c.cases_resolved_early,
            c.cases_resolved_on_time, c.cases_resolved_late, c.cases_pending_on_time, c.cases_pending_overdue)),
        c.tasks_total,
        c.tasks_done_on_time,
        c.tasks_done_late,
        c.tasks_open_on_time,
        c.tasks_open_overdue,
        c.tasks_no_deadline,
        c.tasks_due_soon,
        unnest(task_rates(c.tasks_total, c.tasks_done_late, c.tasks_open_overdue, c.tasks_no_deadline)),
        c.feedback_total,
        c.feedback_done_on_time,
        c.feedback_done_late,
        c.feedback_open_on_time,
        c.feedback_open_overdue,
        c.feedback_no_deadline,
        c.feedback_rated,
        c.feedback_satisfied,
        unnest(feedback_rates(c.feedback_total, c.feedback_done_on_time, c.feedback_done_late,
            c.feedback_open_on_time, c.feedback_open_overdue, c.feedback_no_deadline, c.feedback_rated,
            c.feedback_satisfied))
    from padded as c
    join units using (unit_id)
)
select * from final
