-- month_counts(d_from, d_to): the counts of items_classified(d_from, d_to) per kind, reported unit and field
-- that metrics_month_counts (schema 021) keeps for one month: new (online / not online), carried over, each
-- outcome, the no-deadline flag split by resolved / pending, due soon, rated and satisfied (resolved items).
-- Grouping by the few classification columns first, then pivoting the small result, keeps the month cheap.
-- Rows per field (per_field) and per unit over all fields (field NULL) alike.
create or replace macro month_counts(d_from, d_to) as table
with
grouped as (
    select
        kind,
        unit_id,
        field,
        is_new,
        coalesce(channel = 'online', false) as is_online,
        is_resolved,
        outcome,
        no_deadline,
        coalesce(is_due_soon, false) as is_due_soon,
        rating is not null as is_rated,
        coalesce(rating = 'satisfied', false) as is_satisfied,
        count(*) as n
    from items_classified(d_from, d_to)
    group by all
),
final as (
    select
        kind,
        unit_id,
        field,
        grouping(field) = 0 as per_field,
        cast(coalesce(sum(n) filter (where is_new and is_online), 0) as bigint) as new_online,
        cast(coalesce(sum(n) filter (where is_new and not is_online), 0) as bigint) as new_offline,
        cast(coalesce(sum(n) filter (where not is_new), 0) as bigint) as carried_over,
        cast(coalesce(sum(n) filter (where outcome = 'resolved_early'), 0) as bigint) as resolved_early,
        cast(coalesce(sum(n) filter (where outcome = 'resolved_on_time'), 0) as bigint) as resolved_on_time,
        cast(coalesce(sum(n) filter (where outcome = 'resolved_late'), 0) as bigint) as resolved_late,
        cast(coalesce(sum(n) filter (where outcome = 'resolved_no_deadline'), 0) as bigint) as resolved_no_deadline,
        cast(coalesce(sum(n) filter (where outcome = 'pending_on_time'), 0) as bigint) as pending_on_time,
        cast(coalesce(sum(n) filter (where outcome = 'pending_overdue'), 0) as bigint) as pending_overdue,
        cast(coalesce(sum(n) filter (where outcome = 'pending_no_deadline'), 0) as bigint) as pending_no_deadline,
        cast(coalesce(sum(n) filter (where no_deadline and is_resolved), 0) as bigint) as no_deadline_resolved,
        cast(coalesce(sum(n) filter (where no_deadline and not is_resolved), 0) as bigint) as no_deadline_pending,
        cast(coalesce(sum(n) filter (where is_due_soon), 0) as bigint) as due_soon,
        cast(coalesce(sum(n) filter (where is_resolved and is_rated), 0) as bigint) as rated,
        cast(coalesce(sum(n) filter (where is_resolved and is_satisfied), 0) as bigint) as satisfied
    from grouped
    group by grouping sets ((kind, unit_id, field), (kind, unit_id))
)
select * from final
