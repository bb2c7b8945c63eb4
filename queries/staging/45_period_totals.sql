-- period_totals(froms, tos, units_mode, unit_group, unit, field_filter): for every period [froms[i], tos[i]]
-- (period_no = i, with period_from and period_to), every count of METRICS.md sections 3-5 summed over the
-- displayed units (unit_display) of unit_group ('all' for every group), or of one displayed unit (unit, else
-- NULL), and every rate recomputed from the sums (NULL when its denominator is zero). A period without any item
-- has a row of zeros. field_filter as in unit_counts.
create or replace macro period_totals(froms, tos, units_mode, unit_group, unit, field_filter) as table
with
chosen_units as (
    select unit_id
    from units
    where (unit_group = 'all' or units.unit_group = unit_group) and (unit is null or units.unit_id = unit)
),
counted as (
    select counts.*
    from kind_counts(froms, tos, whole_month_list(froms, tos), field_filter is not null) as counts
    join unit_display(units_mode) as display using (unit_id)
    where display.display_unit_id in (select unit_id from chosen_units)
        and (field_filter is null or coalesce(counts.field, 'Không rõ lĩnh vực') = field_filter)
),
by_kind as (
    select
        period_no,
        kind,
        -- every class count of kind_counts (new_online ... satisfied), summed under its own name
        sum(columns(counted.* exclude (source, period_no, kind, unit_id, field)))
    from counted
    group by period_no, kind
),
summed as (
    select
        periods.period_no,
        periods.period_from,
        periods.period_to,
        cast(coalesce(sum(new_online + new_offline + carried_over) filter (where kind = 'cases'), 0) as bigint)
            as cases_total,
        cast(coalesce(sum(new_online) filter (where kind = 'cases'), 0) as bigint) as cases_new_online,
        cast(coalesce(sum(new_offline) filter (where kind = 'cases'), 0) as bigint) as cases_new_offline,
        cast(coalesce(sum(carried_over) filter (where kind = 'cases'), 0) as bigint) as cases_carried_over,
        cast(coalesce(sum(resolved_early + resolved_on_time + resolved_late) filter (where kind = 'cases'), 0)
            as bigint) as cases_resolved,
        cast(coalesce(sum(resolved_early) filter (where kind = 'cases'), 0) as bigint) as cases_resolved_early,
        cast(coalesce(sum(resolved_on_time) filter (where kind = 'cases'), 0) as bigint) as cases_resolved_on_time,
        cast(coalesce(sum(resolved_late) filter (where kind = 'cases'), 0) as bigint) as cases_resolved_late,
        cast(coalesce(sum(pending_on_time + pending_overdue) filter (where kind = 'cases'), 0) as bigint)
            as cases_pending,
        cast(coalesce(sum(pending_on_time) filter (where kind = 'cases'), 0) as bigint) as cases_pending_on_time,
        cast(coalesce(sum(pending_overdue) filter (where kind = 'cases'), 0) as bigint) as cases_pending_overdue,
        cast(coalesce(sum(no_deadline_resolved + no_deadline_pending) filter (where kind = 'cases'), 0) as bigint)
            as cases_no_deadline,
        cast(coalesce(sum(new_online + new_offline + carried_over) filter (where kind = 'tasks'), 0) as bigint)
            as tasks_total,
        cast(coalesce(sum(resolved_early + resolved_on_time) filter (where kind = 'tasks'), 0) as bigint)
            as tasks_done_on_time,
        cast(coalesce(sum(resolved_late) filter (where kind = 'tasks'), 0) as bigint) as tasks_done_late,
        cast(coalesce(sum(pending_on_time) filter (where kind = 'tasks'), 0) as bigint) as tasks_open_on_time,
        cast(coalesce(sum(pending_overdue) filter (where kind = 'tasks'), 0) as bigint) as tasks_open_overdue,
        cast(coalesce(sum(no_deadline_resolved + no_deadline_pending) filter (where kind = 'tasks'), 0) as bigint)
            as tasks_no_deadline,
        cast(coalesce(sum(due_soon) filter (where kind = 'tasks'), 0) as bigint) as tasks_due_soon,
        cast(coalesce(sum(new_online + new_offline + carried_over) filter (where kind = 'feedback'), 0) as bigint)
            as feedback_total,
        cast(coalesce(sum(resolved_early + resolved_on_time) filter (where kind = 'feedback'), 0) as bigint)
            as feedback_done_on_time,
        cast(coalesce(sum(resolved_late) filter (where kind = 'feedback'), 0) as bigint) as feedback_done_late,
        cast(coalesce(sum(pending_on_time) filter (where kind = 'feedback'), 0) as bigint) as feedback_open_on_time,
        cast(coalesce(sum(pending_overdue) filter (where kind = 'feedback'), 0) as bigint) as feedback_open_overdue,
        cast(coalesce(sum(no_deadline_resolved + no_deadline_pending) filter (where kind = 'feedback'), 0)
            as bigint) as feedback_no_deadline,
        cast(coalesce(sum(rated) filter (where kind = 'feedback'), 0) as bigint) as feedback_rated,
        cast(coalesce(sum(satisfied) filter (where kind = 'feedback'), 0) as bigint) as feedback_satisfied
    from period_list(froms, tos) as periods
    left join by_kind using (period_no)
    group by periods.period_no, periods.period_from, periods.period_to
),
final as (
    select
        *,
        unnest(case_rates(cases_total, cases_resolved_early, cases_resolved_on_time, cases_resolved_late,
            cases_pending_on_time, cases_pending_overdue)),
        unnest(task_rates(tasks_total, tasks_done_late, tasks_open_overdue, tasks_no_deadline)),
        unnest(feedback_rates(feedback_total, feedback_done_on_time, feedback_done_late, feedback_open_on_time,
            feedback_open_overdue, feedback_no_deadline, feedback_rated, feedback_satisfied))
    from summed
    order by period_no
)
select * from final
