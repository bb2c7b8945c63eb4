-- period_month_totals(froms, tos, units_mode, unit_group, unit, field_filter): period_totals for periods of whole
-- months without Biểu 06 aggregates in them (oversight.metrics chooses this path), summed from
-- metrics_month_units (month_unit_rows) over the displayed units of unit_group ('all') or one displayed unit:
-- the same rows and columns, in the same order (a period without any item has a row of zeros).
create or replace macro period_month_totals(froms, tos, units_mode, unit_group, unit, field_filter) as table
with
chosen_units as (
    select unit_id
    from units
    where (unit_group = 'all' or units.unit_group = unit_group) and (unit is null or units.unit_id = unit)
),
summed as (
    select
        rows.period_no,
        sum(cases_new_online) as cases_new_online,
        sum(cases_new_offline) as cases_new_offline,
        sum(cases_carried_over) as cases_carried_over,
        sum(cases_resolved_early) as cases_resolved_early,
        sum(cases_resolved_on_time) as cases_resolved_on_time,
        sum(cases_resolved_late) as cases_resolved_late,
        sum(cases_pending_on_time) as cases_pending_on_time,
        sum(cases_pending_overdue) as cases_pending_overdue,
        sum(cases_no_deadline_resolved + cases_no_deadline_pending) as cases_no_deadline,
        sum(tasks_new + tasks_carried_over) as tasks_total,
        sum(tasks_done_on_time) as tasks_done_on_time,
        sum(tasks_done_late) as tasks_done_late,
        sum(tasks_open_on_time) as tasks_open_on_time,
        sum(tasks_open_overdue) as tasks_open_overdue,
        sum(tasks_no_deadline_resolved + tasks_no_deadline_pending) as tasks_no_deadline,
        sum(tasks_due_soon) as tasks_due_soon,
        sum(feedback_new + feedback_carried_over) as feedback_total,
        sum(feedback_done_on_time) as feedback_done_on_time,
        sum(feedback_done_late) as feedback_done_late,
        sum(feedback_open_on_time) as feedback_open_on_time,
        sum(feedback_open_overdue) as feedback_open_overdue,
        sum(feedback_no_deadline_resolved + feedback_no_deadline_pending) as feedback_no_deadline,
        sum(feedback_rated) as feedback_rated,
        sum(feedback_satisfied) as feedback_satisfied
    from month_unit_rows(froms, tos, field_filter is not null, field_filter) as rows
    join unit_display(units_mode) as display using (unit_id)
    where display.display_unit_id in (select unit_id from chosen_units)
    group by rows.period_no
),
totals as (
    select
        periods.period_no,
        periods.period_from,
        periods.period_to,
        cast(coalesce(s.cases_new_online + s.cases_new_offline + s.cases_carried_over, 0) as bigint) as cases_total,
        cast(coalesce(s.cases_new_online, 0) as bigint) as cases_new_online,
        cast(coalesce(s.cases_new_offline, 0) as bigint) as cases_new_offline,
        cast(coalesce(s.cases_carried_over, 0) as bigint) as cases_carried_over,
        cast(coalesce(s.cases_resolved_early + s.cases_resolved_on_time + s.cases_resolved_late, 0) as bigint)
            as cases_resolved,
        cast(coalesce(s.cases_resolved_early, 0) as bigint) as cases_resolved_early,
        cast(coalesce(s.cases_resolved_on_time, 0) as bigint) as cases_resolved_on_time,
        cast(coalesce(s.cases_resolved_late, 0) as bigint) as cases_resolved_late,
        cast(coalesce(s.cases_pending_on_time + s.cases_pending_overdue, 0) as bigint) as cases_pending,
        cast(coalesce(s.cases_pending_on_time, 0) as bigint) as cases_pending_on_time,
        cast(coalesce(s.cases_pending_overdue, 0) as bigint) as cases_pending_overdue,
        cast(coalesce(s.cases_no_deadline, 0) as bigint) as cases_no_deadline,
        cast(coalesce(s.tasks_total, 0) as bigint) as tasks_total,
        cast(coalesce(s.tasks_done_on_time, 0) as bigint) as tasks_done_on_time,
        cast(coalesce(s.tasks_done_late, 0) as bigint) as tasks_done_late,
        cast(coalesce(s.tasks_open_on_time, 0) as bigint) as tasks_open_on_time,
        cast(coalesce(s.tasks_open_overdue, 0) as bigint) as tasks_open_overdue,
        cast(coalesce(s.tasks_no_deadline, 0) as bigint) as tasks_no_deadline,
        cast(coalesce(s.tasks_due_soon, 0) as bigint) as tasks_due_soon,
        cast(coalesce(s.feedback_total, 0) as bigint) as feedback_total,
        cast(coalesce(s.feedback_done_on_time, 0) as bigint) as feedback_done_on_time,
        cast(coalesce(s.feedback_done_late, 0) as bigint) as feedback_done_late,
        cast(coalesce(s.feedback_open_on_time, 0) as bigint) as feedback_open_on_time,
        cast(coalesce(s.feedback_open_overdue, 0) as bigint) as feedback_open_overdue,
        cast(coalesce(s.feedback_no_deadline, 0) as bigint) as feedback_no_deadline,
        cast(coalesce(s.feedback_rated, 0) as bigint) as feedback_rated,
        cast(coalesce(s.feedback_satisfied, 0) as bigint) as feedback_satisfied
    from period_list(froms, tos) as periods
    left join summed as s using (period_no)
),
final as (
    select
        *,
        unnest(case_rates(cases_total, cases_resolved_early, cases_resolved_on_time, cases_resolved_late,
            cases_pending_on_time, cases_pending_overdue)),
        unnest(task_rates(tasks_total, tasks_done_late, tasks_open_overdue, tasks_no_deadline)),
        unnest(feedback_rates(feedback_total, feedback_done_on_time, feedback_done_late, feedback_open_on_time,
            feedback_open_overdue, feedback_no_deadline, feedback_rated, feedback_satisfied))
    from totals
    order by period_no
)
select * from final
