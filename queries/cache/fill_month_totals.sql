-- The rows of metrics_month_totals (schema 075) of the months [$month_from[i], $month_to[i]] just built: for each
-- month, both unit modes, all units and each group, what period_month_totals (queries/staging/46_period_month_totals
-- .sql) gives that month alone, in one pass instead of eight calls of it (planning those cost 0.2 s per refresh):
-- the month's metrics_month_units rows (month_unit_rows) under the unit each is shown as (unit_display: itself, or
-- today's unit), summed per displayed unit's group and over all; a month or group without rows has zeros. Sorted by
-- month, so that reading a month skips the other row groups. tests/metrics/test_served.py keeps it equal to
-- period_month_totals through the served figures.
insert into metrics_month_totals by name
with
modes as (
    select unnest(['reported', 'today']) as units_mode
),
unit_groups as (
    select unnest(['all', 'department', 'district', 'commune']) as unit_group
),
shown as (
    select
        rows.*,
        modes.units_mode,
        units.unit_group as shown_group
    from month_unit_rows($month_from, $month_to, false, null) as rows
    join metrics_unit_cache as display on display.unit_id = rows.unit_id
    cross join modes
    join units
        on units.unit_id = case when modes.units_mode = 'today' then display.today_unit_id else display.unit_id end
),
summed as (
    select
        period_no,
        units_mode,
        case when grouping(shown_group) = 1 then 'all' else shown_group end as unit_group,
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
    from shown
    group by grouping sets ((period_no, units_mode), (period_no, units_mode, shown_group))
),
totals as (
    select
        periods.period_from,
        periods.period_to,
        modes.units_mode,
        unit_groups.unit_group,
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
    from period_list($month_from, $month_to) as periods
    cross join modes
    cross join unit_groups
    left join summed as s
        on s.period_no = periods.period_no
        and s.units_mode = modes.units_mode
        and s.unit_group = unit_groups.unit_group
),
final as (
    select
        month_cutoff(period_from, period_to) as cutoff,
        period_from as month_from,
        period_to as month_to,
        * exclude (period_from, period_to),
        unnest(case_rates(cases_total, cases_resolved_early, cases_resolved_on_time, cases_resolved_late,
            cases_pending_on_time, cases_pending_overdue)),
        unnest(task_rates(tasks_total, tasks_done_late, tasks_open_overdue, tasks_no_deadline)),
        unnest(feedback_rates(feedback_total, feedback_done_on_time, feedback_done_late, feedback_open_on_time,
            feedback_open_overdue, feedback_no_deadline, feedback_rated, feedback_satisfied))
    from totals
    where month_cutoff(period_from, period_to) is not null
    order by month_from, month_to, units_mode, unit_group
)
select * from final
