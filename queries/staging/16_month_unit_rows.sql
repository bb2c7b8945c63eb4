-- month_unit_rows(froms, tos, by_field, field_filter): for every period [froms[i], tos[i]] of whole months
-- (period_no = i), the metrics_month_units rows (schema 022) of its months and of the backdated spans lying within
-- it, per reported unit and field (by_field; else the all-fields rows, field NULL; several rows per unit: sum them), carried over kept from the period's first month only and pending, no-
-- deadline pending and due soon from its last (the rule of kind_counts' month rows, METRICS.md section 3).
-- field_filter: only the rows of that field ('Không rõ lĩnh vực' = no field; pass by_field true), NULL = every row.
-- The lean path for periods without Biểu 06 aggregates in them (oversight.metrics chooses it).
create or replace macro month_unit_rows(froms, tos, by_field, field_filter) as table
with
periods as (
    select * from period_list(froms, tos)
),
final as (
    select
        periods.period_no,
        counts.unit_id,
        counts.field,
        counts.has_cases,
        counts.has_tasks,
        counts.has_feedback,
        counts.cases_new_online,
        counts.cases_new_offline,
        case when counts.month_from = periods.period_from then counts.cases_carried_over else 0 end
            as cases_carried_over,
        counts.cases_resolved_early,
        counts.cases_resolved_on_time,
        counts.cases_resolved_late,
        case when counts.month_to = periods.period_to then counts.cases_pending_on_time else 0 end
            as cases_pending_on_time,
        case when counts.month_to = periods.period_to then counts.cases_pending_overdue else 0 end
            as cases_pending_overdue,
        counts.cases_no_deadline_resolved,
        case when counts.month_to = periods.period_to then counts.cases_no_deadline_pending else 0 end
            as cases_no_deadline_pending,
        counts.tasks_new,
        case when counts.month_from = periods.period_from then counts.tasks_carried_over else 0 end
            as tasks_carried_over,
        counts.tasks_done_on_time,
        counts.tasks_done_late,
        case when counts.month_to = periods.period_to then counts.tasks_open_on_time else 0 end
            as tasks_open_on_time,
        case when counts.month_to = periods.period_to then counts.tasks_open_overdue else 0 end
            as tasks_open_overdue,
        counts.tasks_no_deadline_resolved,
        case when counts.month_to = periods.period_to then counts.tasks_no_deadline_pending else 0 end
            as tasks_no_deadline_pending,
        case when counts.month_to = periods.period_to then counts.tasks_due_soon else 0 end as tasks_due_soon,
        counts.feedback_new,
        case when counts.month_from = periods.period_from then counts.feedback_carried_over else 0 end
            as feedback_carried_over,
        counts.feedback_done_on_time,
        counts.feedback_done_late,
        case when counts.month_to = periods.period_to then counts.feedback_open_on_time else 0 end
            as feedback_open_on_time,
        case when counts.month_to = periods.period_to then counts.feedback_open_overdue else 0 end
            as feedback_open_overdue,
        counts.feedback_no_deadline_resolved,
        case when counts.month_to = periods.period_to then counts.feedback_no_deadline_pending else 0 end
            as feedback_no_deadline_pending,
        counts.feedback_rated,
        counts.feedback_satisfied
    from periods
    join metrics_cache_months as months
        on months.cutoff = month_cutoff(periods.period_from, periods.period_to)
        and months.month_from >= periods.period_from
        and months.month_to <= periods.period_to
    join metrics_month_units as counts
        on counts.cutoff = months.cutoff
        and counts.month_from = months.month_from
        and counts.month_to <= periods.period_to
    where counts.per_field = by_field
        and (field_filter is null or coalesce(counts.field, 'Không rõ lĩnh vực') = field_filter)
)
select * from final
