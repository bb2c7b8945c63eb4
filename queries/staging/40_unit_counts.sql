-- unit_counts(froms, tos, units_mode, field_filter, whole_months): for every period [froms[i], tos[i]] (period_no =
-- i) and every unit it lists (METRICS.md section 6: the displayed units of the units that existed during some part
-- of it, period_units, plus every displayed unit with a task, case or feedback item or a counted Biểu 06 row in it),
-- every count of METRICS.md sections 3-5 (0 when the unit has none of that kind, all 0 for a unit without data) and
-- every rate (NULL when its denominator is zero);
-- cases_source lists the sources of its case counts ('cases', 'case_stats'); has_cases / has_tasks /
-- has_feedback say which kinds it has. field_filter: only the items of that field (lĩnh vực, as stored; 'Không
-- rõ lĩnh vực' = no field, which is also where a Biểu 06 all-fields row counts), NULL for every field.
-- whole_months (a bound constant, so only one path is planned): every period is a run of whole months without
-- Biểu 06 aggregates in it (oversight.metrics says so), and the counts are summed from metrics_month_units
-- (month_unit_rows, month_sums); else from kind_counts (class_sums per kind, then kind_sums). The same figures.
create or replace macro unit_counts(froms, tos, units_mode, field_filter, whole_months) as table
with
counted as (
    select display.display_unit_id, counts.*
    from kind_counts(froms, tos, whole_month_list(froms, tos), field_filter is not null) as counts
    join unit_display(units_mode) as display using (unit_id)
    where not whole_months
        and (field_filter is null or coalesce(counts.field, 'Không rõ lĩnh vực') = field_filter)
),
by_kind as (
    select
        period_no,
        display_unit_id as unit_id,
        kind,
        bool_or(source = 'cases') as from_cases,
        bool_or(source = 'case_stats') as from_stats,
        unnest(class_sums(counted))
    from counted
    group by period_no, display_unit_id, kind
),
item_summed as (
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
        unnest(kind_sums(by_kind))
    from by_kind
    group by period_no, unit_id
),
month_summed as (
    -- no Biểu 06 rows in these periods: the case counts come from the cases only
    select
        month_row.period_no,
        display.display_unit_id as unit_id,
        case when bool_or(month_row.has_cases) then 'cases' end as cases_source,
        bool_or(month_row.has_cases) as has_cases,
        bool_or(month_row.has_tasks) as has_tasks,
        bool_or(month_row.has_feedback) as has_feedback,
        unnest(month_sums(month_row))
    from month_unit_rows(froms, tos, field_filter is not null, field_filter) as month_row
    join unit_display(units_mode) as display using (unit_id)
    where whole_months
    group by month_row.period_no, display.display_unit_id
),
summed as (
    select * from item_summed
    union all by name
    select * from month_summed
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
