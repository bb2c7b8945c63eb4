-- unit_counts(froms, tos, units_mode, field_filter): for every period [froms[i], tos[i]] (period_no = i) and
-- every unit it lists (METRICS.md section 6: the displayed units of the units that existed during some part of it,
-- period_units, plus every displayed unit with a task, case or feedback item or a counted Biểu 06 row in it), every
-- count of METRICS.md sections 3-5 (0 when the unit has none of that kind, all 0 for a unit without data) and every
-- rate (NULL when its denominator is zero);
-- cases_source lists the sources of its case counts ('cases', 'case_stats'); has_cases / has_tasks /
-- has_feedback say which kinds it has. field_filter: only the items of that field (lĩnh vực, as stored; 'Không
-- rõ lĩnh vực' = no field, which is also where a Biểu 06 all-fields row counts), NULL for every field.
create or replace macro unit_counts(froms, tos, units_mode, field_filter) as table
with
counted as (
    select display.display_unit_id, counts.*
    from kind_counts(froms, tos, whole_month_list(froms, tos), field_filter is not null) as counts
    join unit_display(units_mode) as display using (unit_id)
    where field_filter is null or coalesce(counts.field, 'Không rõ lĩnh vực') = field_filter
),
by_kind as (
    select
        period_no,
        display_unit_id as unit_id,
        kind,
        bool_or(source = 'cases') as from_cases,
        bool_or(source = 'case_stats') as from_stats,
        -- every class count of kind_counts (new_online ... satisfied), summed under its own name
        sum(columns(counted.* exclude (display_unit_id, source, period_no, kind, unit_id, field)))
    from counted
    group by period_no, display_unit_id, kind
),
summed as (
    select
        period_no,
        unit_id,
        case
            when bool_or(kind = 'cases' and from_cases) and bool_or(kind = 'cases' and from_stats)
                then 'case_stats,cases'
            when bool_or(kind = 'cases' and from_cases) then 'cases'
            when bool_or(kind = 'cases' and from_stats) then 'case_stats'
        end as cases_source,
        bool_or(kind = 'cases') as has_cases,
        bool_or(kind = 'tasks') as has_tasks,
        bool_or(kind = 'feedback') as has_feedback,
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
    from by_kind
    group by period_no, unit_id
),
listed as (
    select period_no, unit_id from period_units(froms, tos, units_mode)
    union
    select period_no, unit_id from summed
),
padded as (
    -- a listed unit without data: every count 0, no kind, no case source
    select
        listed.period_no,
        listed.unit_id,
        summed.cases_source,
        coalesce(summed.has_cases, false) as has_cases,
        coalesce(summed.has_tasks, false) as has_tasks,
        coalesce(summed.has_feedback, false) as has_feedback,
        coalesce(columns(summed.* exclude (period_no, unit_id, cases_source, has_cases, has_tasks, has_feedback)), 0)
    from listed
    left join summed using (period_no, unit_id)
),
final as (
    select
        *,
        unnest(case_rates(cases_total, cases_resolved_early, cases_resolved_on_time, cases_resolved_late,
            cases_pending_on_time, cases_pending_overdue)),
        unnest(task_rates(tasks_total, tasks_done_late, tasks_open_overdue, tasks_no_deadline)),
        unnest(feedback_rates(feedback_total, feedback_done_on_time, feedback_done_late, feedback_open_on_time,
            feedback_open_overdue, feedback_no_deadline, feedback_rated, feedback_satisfied))
    from padded
)
select * from final
