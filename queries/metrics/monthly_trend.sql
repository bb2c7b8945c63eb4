-- Monthly trend: for each month [$month_from[i], $month_to[i]] (the caller builds them with the cut-off
-- setting), the counts and rates summed over the displayed units of $group, or of one unit ($unit).
with
months as (
    select
        unnest(cast($month_from as date[])) as month_from,
        unnest(cast($month_to as date[])) as month_to
),
chosen_units as (
    select unit_id
    from units
    where ($group = 'all' or unit_group = $group) and ($unit is null or unit_id = $unit)
),
cases_m as (
    select
        months.month_from,
        cast(sum(c.cases_total) as bigint) as cases_total,
        cast(sum(c.cases_resolved) as bigint) as cases_resolved,
        cast(sum(c.cases_resolved_early) as bigint) as cases_resolved_early,
        cast(sum(c.cases_resolved_on_time) as bigint) as cases_resolved_on_time,
        cast(sum(c.cases_resolved_late) as bigint) as cases_resolved_late,
        cast(sum(c.cases_pending) as bigint) as cases_pending,
        cast(sum(c.cases_pending_on_time) as bigint) as cases_pending_on_time,
        cast(sum(c.cases_pending_overdue) as bigint) as cases_pending_overdue
    from months, lateral (
        select * from unit_cases(months.month_from, months.month_to, $units, whole_month_list($month_from, $month_to))
    ) as c
    where c.unit_id in (select unit_id from chosen_units)
    group by months.month_from
),
tasks_m as (
    select
        months.month_from,
        cast(sum(t.tasks_total) as bigint) as tasks_total,
        cast(sum(t.tasks_done_late) as bigint) as tasks_done_late,
        cast(sum(t.tasks_open_overdue) as bigint) as tasks_open_overdue,
        cast(sum(t.tasks_no_deadline) as bigint) as tasks_no_deadline
    from months, lateral (
        select * from unit_tasks(months.month_from, months.month_to, $units, whole_month_list($month_from, $month_to))
    ) as t
    where t.unit_id in (select unit_id from chosen_units)
    group by months.month_from
),
feedback_m as (
    select
        months.month_from,
        cast(sum(f.feedback_total) as bigint) as feedback_total,
        cast(sum(f.feedback_done_on_time) as bigint) as feedback_done_on_time,
        cast(sum(f.feedback_done_late) as bigint) as feedback_done_late,
        cast(sum(f.feedback_open_on_time) as bigint) as feedback_open_on_time,
        cast(sum(f.feedback_open_overdue) as bigint) as feedback_open_overdue,
        cast(sum(f.feedback_no_deadline) as bigint) as feedback_no_deadline,
        cast(sum(f.feedback_rated) as bigint) as feedback_rated,
        cast(sum(f.feedback_satisfied) as bigint) as feedback_satisfied
    from months, lateral (
        select * from unit_feedback(months.month_from, months.month_to, $units, whole_month_list($month_from, $month_to))
    ) as f
    where f.unit_id in (select unit_id from chosen_units)
    group by months.month_from
),
joined as (
    select
        months.month_from,
        months.month_to,
        coalesce(c.cases_total, 0) as cases_total,
        coalesce(c.cases_resolved, 0) as cases_resolved,
        coalesce(c.cases_resolved_early, 0) as cases_resolved_early,
        coalesce(c.cases_resolved_on_time, 0) as cases_resolved_on_time,
        coalesce(c.cases_resolved_late, 0) as cases_resolved_late,
        coalesce(c.cases_pending, 0) as cases_pending,
        coalesce(c.cases_pending_on_time, 0) as cases_pending_on_time,
        coalesce(c.cases_pending_overdue, 0) as cases_pending_overdue,
        coalesce(t.tasks_total, 0) as tasks_total,
        coalesce(t.tasks_done_late, 0) as tasks_done_late,
        coalesce(t.tasks_open_overdue, 0) as tasks_open_overdue,
        coalesce(t.tasks_no_deadline, 0) as tasks_no_deadline,
        coalesce(f.feedback_total, 0) as feedback_total,
        coalesce(f.feedback_done_on_time, 0) as feedback_done_on_time,
        coalesce(f.feedback_done_late, 0) as feedback_done_late,
        coalesce(f.feedback_open_on_time, 0) as feedback_open_on_time,
        coalesce(f.feedback_open_overdue, 0) as feedback_open_overdue,
        coalesce(f.feedback_no_deadline, 0) as feedback_no_deadline,
        coalesce(f.feedback_rated, 0) as feedback_rated,
        coalesce(f.feedback_satisfied, 0) as feedback_satisfied
    from months
    left join cases_m as c using (month_from)
    left join tasks_m as t using (month_from)
    left join feedback_m as f using (month_from)
),
final as (
    select
        *,
        unnest(case_rates(cases_total, cases_resolved_early, cases_resolved_on_time, cases_resolved_late,
            cases_pending_on_time, cases_pending_overdue)),
        unnest(task_rates(tasks_total, tasks_done_late, tasks_open_overdue, tasks_no_deadline)),
        unnest(feedback_rates(feedback_total, feedback_done_on_time, feedback_done_late, feedback_open_on_time,
            feedback_open_overdue, feedback_no_deadline, feedback_rated, feedback_satisfied))
    from joined
    order by month_from
)
select * from final
