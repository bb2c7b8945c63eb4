-- period_counts(d_from, d_to, by_field): for a period of whole months (month_cutoff not NULL), the month_counts
-- columns per kind, reported unit and field (by_field; else per unit, field NULL), combined from metrics_month_counts (schema 021) as METRICS.md combines
-- periods: new, resolved, rated and satisfied add up over the months (plus the span rows of backdated items
-- lying within the period); carried_over is the first month's; pending and due soon are the last month's.
-- Each identity (total = new + carried = resolved + pending) then holds as it does per month: an item to be
-- handled in the period is carried over into its first month or new in exactly one month, and either
-- resolved in exactly one month or still pending at the end of the last. Empty for any other period, and
-- correct only when every month of the period is built (oversight.metrics sees to that).
create or replace macro period_counts(d_from, d_to, by_field) as table
with
months as (
    select cutoff, month_from
    from metrics_cache_months
    where cutoff = month_cutoff(d_from, d_to)
        and month_from >= cast(d_from as date)
        and month_to <= cast(d_to as date)
),
pieces as (
    -- an equality join on the few months of the period (also cheap when the period's dates are columns of a
    -- LATERAL join), then the span rows that end within the period
    select counts.*
    from months
    join metrics_month_counts as counts using (cutoff, month_from)
    where counts.per_field = by_field and counts.month_to <= cast(d_to as date)
),
final as (
    select
        kind,
        unit_id,
        field,
        cast(sum(new_online) as bigint) as new_online,
        cast(sum(new_offline) as bigint) as new_offline,
        cast(coalesce(sum(carried_over) filter (where month_from = cast(d_from as date)), 0) as bigint)
            as carried_over,
        cast(sum(resolved_early) as bigint) as resolved_early,
        cast(sum(resolved_on_time) as bigint) as resolved_on_time,
        cast(sum(resolved_late) as bigint) as resolved_late,
        cast(sum(resolved_no_deadline) as bigint) as resolved_no_deadline,
        cast(coalesce(sum(pending_on_time) filter (where month_to = cast(d_to as date)), 0) as bigint)
            as pending_on_time,
        cast(coalesce(sum(pending_overdue) filter (where month_to = cast(d_to as date)), 0) as bigint)
            as pending_overdue,
        cast(coalesce(sum(pending_no_deadline) filter (where month_to = cast(d_to as date)), 0) as bigint)
            as pending_no_deadline,
        cast(sum(no_deadline_resolved) as bigint) as no_deadline_resolved,
        cast(coalesce(sum(no_deadline_pending) filter (where month_to = cast(d_to as date)), 0) as bigint)
            as no_deadline_pending,
        cast(coalesce(sum(due_soon) filter (where month_to = cast(d_to as date)), 0) as bigint) as due_soon,
        cast(sum(rated) as bigint) as rated,
        cast(sum(satisfied) as bigint) as satisfied
    from pieces
    group by kind, unit_id, field
)
select * from final
