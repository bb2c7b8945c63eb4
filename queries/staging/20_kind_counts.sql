-- case_counts(d_from, d_to, from_months, by_field): the canonical 13 Biểu 06 columns (METRICS.md section 3) per
-- reported unit and field, from case-level rows and from aggregate Biểu 06 rows (case_stats) alike; `source`
-- says which.
--
-- Precedence, per unit as reported: a unit with any case-level case in scope for the period is counted
-- from its cases only (item-level data is exact and can be drilled into); a unit without any takes its
-- aggregates, and only when aggregate periods lying within [d_from, d_to] together cover it exactly
-- (contiguous, no gap, no overlap; a period contained in a longer loaded one is ignored). Per unit and
-- period the latest active upload wins. Within one upload, field rows are used when present, else the
-- unit's all-fields row (field NULL). Several periods combine as METRICS.md says: new and resolved add up,
-- carried_over is the first period's, pending columns are the last period's; cases_total = 4 + 5 + 6.
-- Case-level counts come from metrics_month_counts (period_counts) when from_months (whole_months(d_from,
-- d_to) for the period: a constant, so only one of the two sources is planned), else from the items. With
-- by_field false the month rows are per unit (field NULL): for callers that sum over fields anyway.
create or replace macro case_counts(d_from, d_to, from_months, by_field) as table
with
bounds as (
    select cast(d_from as date) as period_from, cast(d_to as date) as period_to
),
items as (
    select * from items_classified(d_from, d_to) where kind = 'cases' and not from_months
),
classified_counts as (
    select
        unit_id,
        field,
        count(*) filter (where is_new and channel = 'online') as cases_new_online,
        count(*) filter (where is_new and coalesce(channel, 'offline') <> 'online') as cases_new_offline,
        count(*) filter (where is_carried_over) as cases_carried_over,
        count(*) filter (where outcome = 'resolved_early') as cases_resolved_early,
        count(*) filter (where outcome = 'resolved_on_time') as cases_resolved_on_time,
        count(*) filter (where outcome = 'resolved_late') as cases_resolved_late,
        count(*) filter (where outcome = 'pending_on_time') as cases_pending_on_time,
        count(*) filter (where outcome = 'pending_overdue') as cases_pending_overdue,
        count(*) filter (where no_deadline) as cases_no_deadline
    from items
    group by unit_id, field
),
from_month_rows as (
    select
        unit_id,
        field,
        new_online as cases_new_online,
        new_offline as cases_new_offline,
        carried_over as cases_carried_over,
        resolved_early as cases_resolved_early,
        resolved_on_time as cases_resolved_on_time,
        resolved_late as cases_resolved_late,
        pending_on_time as cases_pending_on_time,
        pending_overdue as cases_pending_overdue,
        no_deadline_resolved + no_deadline_pending as cases_no_deadline
    from period_counts(d_from, d_to, by_field)
    where kind = 'cases' and from_months
),
item_counts as (
    select * from classified_counts
    union all
    select * from from_month_rows
),
item_units as (
    select distinct unit_id from item_counts
),
stats_in_range as (
    select stats.*
    from stg_case_stats as stats, bounds
    where stats.period_from >= bounds.period_from
        and stats.period_to <= bounds.period_to
        and stats.unit_id not in (select unit_id from item_units)
),
latest as (
    select * from stats_in_range
    qualify upload_id = max(upload_id) over (partition by unit_id, period_from, period_to)
),
chosen as (
    select * from latest
    qualify field is not null or count(field) over (partition by upload_id, unit_id, period_from, period_to) = 0
),
unit_periods as (
    select distinct unit_id, period_from, period_to from chosen
),
maximal as (
    select a.*
    from unit_periods as a
    where not exists (
        select 1
        from unit_periods as b
        where b.unit_id = a.unit_id
            and b.period_from <= a.period_from
            and b.period_to >= a.period_to
            and (b.period_from < a.period_from or b.period_to > a.period_to)
    )
),
chained as (
    select *, lag(period_to) over (partition by unit_id order by period_from) as previous_to
    from maximal
),
covering as (
    select chained.unit_id, min(chained.period_from) as first_from, max(chained.period_to) as last_to
    from chained, bounds
    group by chained.unit_id, bounds.period_from, bounds.period_to
    having min(chained.period_from) = bounds.period_from
        and max(chained.period_to) = bounds.period_to
        and bool_and(chained.previous_to is null or chained.period_from = chained.previous_to + 1)
),
stat_rows as (
    select chosen.*, covering.first_from, covering.last_to
    from chosen
    join maximal using (unit_id, period_from, period_to)
    join covering using (unit_id)
),
stat_counts as (
    select
        unit_id,
        field,
        cast(sum(cases_new_online) as bigint) as cases_new_online,
        cast(sum(cases_new_offline) as bigint) as cases_new_offline,
        coalesce(sum(cases_carried_over) filter (where period_from = first_from), 0) as cases_carried_over,
        cast(sum(cases_resolved_early) as bigint) as cases_resolved_early,
        cast(sum(cases_resolved_on_time) as bigint) as cases_resolved_on_time,
        cast(sum(cases_resolved_late) as bigint) as cases_resolved_late,
        coalesce(sum(cases_pending_on_time) filter (where period_to = last_to), 0) as cases_pending_on_time,
        coalesce(sum(cases_pending_overdue) filter (where period_to = last_to), 0) as cases_pending_overdue,
        0 as cases_no_deadline
    from stat_rows
    group by unit_id, field
),
combined as (
    select 'cases' as source, * from item_counts
    union all
    select 'case_stats' as source, * from stat_counts
),
final as (
    select
        source,
        unit_id,
        field,
        cast(cases_new_online + cases_new_offline + cases_carried_over as bigint) as cases_total,
        cast(cases_new_online as bigint) as cases_new_online,
        cast(cases_new_offline as bigint) as cases_new_offline,
        cast(cases_carried_over as bigint) as cases_carried_over,
        cast(cases_resolved_early + cases_resolved_on_time + cases_resolved_late as bigint) as cases_resolved,
        cast(cases_resolved_early as bigint) as cases_resolved_early,
        cast(cases_resolved_on_time as bigint) as cases_resolved_on_time,
        cast(cases_resolved_late as bigint) as cases_resolved_late,
        cast(cases_pending_on_time + cases_pending_overdue as bigint) as cases_pending,
        cast(cases_pending_on_time as bigint) as cases_pending_on_time,
        cast(cases_pending_overdue as bigint) as cases_pending_overdue,
        cast(cases_no_deadline as bigint) as cases_no_deadline
    from combined
)
select * from final
