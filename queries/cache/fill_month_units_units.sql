-- The rows of metrics_month_units (schema 022) an incremental refresh rebuilds, pivoted as fill_month_units does:
-- the metrics_month_counts rows of the (month, unit) pairs ([$month_from[i], $month_to[i]], $unit_id[i]) and the
-- backdated rows of the units $units, the kinds side by side.
insert into metrics_month_units by name
with
pairs as (
    select
        unnest(cast($month_from as date[])) as month_from,
        unnest(cast($month_to as date[])) as month_to,
        unnest(cast($unit_id as integer[])) as unit_id
),
chosen as (
    select counts.*
    from metrics_month_counts as counts
    where (counts.backdated and counts.unit_id in (select unnest(cast($units as integer[]))))
        or (
            not counts.backdated
            and (counts.month_from, counts.month_to, counts.unit_id) in (select (month_from, month_to, unit_id) from pairs)
        )
),
final as (
    select
        cutoff,
        month_from,
        month_to,
        backdated,
        per_field,
        unit_id,
        field,
        bool_or(kind = 'cases') as has_cases,
        bool_or(kind = 'tasks') as has_tasks,
        bool_or(kind = 'feedback') as has_feedback,
        coalesce(sum(new_online) filter (where kind = 'cases'), 0) as cases_new_online,
        coalesce(sum(new_offline) filter (where kind = 'cases'), 0) as cases_new_offline,
        coalesce(sum(carried_over) filter (where kind = 'cases'), 0) as cases_carried_over,
        coalesce(sum(resolved_early) filter (where kind = 'cases'), 0) as cases_resolved_early,
        coalesce(sum(resolved_on_time) filter (where kind = 'cases'), 0) as cases_resolved_on_time,
        coalesce(sum(resolved_late) filter (where kind = 'cases'), 0) as cases_resolved_late,
        coalesce(sum(pending_on_time) filter (where kind = 'cases'), 0) as cases_pending_on_time,
        coalesce(sum(pending_overdue) filter (where kind = 'cases'), 0) as cases_pending_overdue,
        coalesce(sum(no_deadline_resolved) filter (where kind = 'cases'), 0) as cases_no_deadline_resolved,
        coalesce(sum(no_deadline_pending) filter (where kind = 'cases'), 0) as cases_no_deadline_pending,
        coalesce(sum(new_online + new_offline) filter (where kind = 'tasks'), 0) as tasks_new,
        coalesce(sum(carried_over) filter (where kind = 'tasks'), 0) as tasks_carried_over,
        coalesce(sum(resolved_early + resolved_on_time) filter (where kind = 'tasks'), 0) as tasks_done_on_time,
        coalesce(sum(resolved_late) filter (where kind = 'tasks'), 0) as tasks_done_late,
        coalesce(sum(pending_on_time) filter (where kind = 'tasks'), 0) as tasks_open_on_time,
        coalesce(sum(pending_overdue) filter (where kind = 'tasks'), 0) as tasks_open_overdue,
        coalesce(sum(no_deadline_resolved) filter (where kind = 'tasks'), 0) as tasks_no_deadline_resolved,
        coalesce(sum(no_deadline_pending) filter (where kind = 'tasks'), 0) as tasks_no_deadline_pending,
        coalesce(sum(due_soon) filter (where kind = 'tasks'), 0) as tasks_due_soon,
        coalesce(sum(new_online + new_offline) filter (where kind = 'feedback'), 0) as feedback_new,
        coalesce(sum(carried_over) filter (where kind = 'feedback'), 0) as feedback_carried_over,
        coalesce(sum(resolved_early + resolved_on_time) filter (where kind = 'feedback'), 0) as feedback_done_on_time,
        coalesce(sum(resolved_late) filter (where kind = 'feedback'), 0) as feedback_done_late,
        coalesce(sum(pending_on_time) filter (where kind = 'feedback'), 0) as feedback_open_on_time,
        coalesce(sum(pending_overdue) filter (where kind = 'feedback'), 0) as feedback_open_overdue,
        coalesce(sum(no_deadline_resolved) filter (where kind = 'feedback'), 0) as feedback_no_deadline_resolved,
        coalesce(sum(no_deadline_pending) filter (where kind = 'feedback'), 0) as feedback_no_deadline_pending,
        coalesce(sum(rated) filter (where kind = 'feedback'), 0) as feedback_rated,
        coalesce(sum(satisfied) filter (where kind = 'feedback'), 0) as feedback_satisfied
    from chosen
    group by cutoff, month_from, month_to, backdated, per_field, unit_id, field
    order by cutoff, per_field, month_from, unit_id
)
select * from final
