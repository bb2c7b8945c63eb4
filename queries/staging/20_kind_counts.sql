-- kind_counts(froms, tos, from_months, by_field): for every period [froms[i], tos[i]] (period_no = i), rows of
-- class counts of every kind per reported unit and field (by_field; else field is NULL for item counts) that
-- add up to the period's counts (a unit may have several rows: sum them), in the shape
-- of metrics_month_counts: new_online, new_offline, carried_over, each outcome, no_deadline split by resolved /
-- pending, due_soon, rated and satisfied; `source` is 'cases' for item-level rows and 'case_stats' for
-- aggregate Biểu 06 rows (kind 'cases'). The per-kind columns of METRICS.md sections 3-5 are sums of these
-- (macro unit_counts).
--
-- Item-level counts come from metrics_month_counts when from_months (pass whole_month_list(froms, tos): a
-- constant, so only one of the two sources is planned): per period, new, resolved, rated and satisfied add up
-- over its months (plus the span rows of backdated items lying within it), carried_over is the first month's,
-- pending and due soon are the last month's (METRICS.md section 3, schema 021). When every period has a
-- near_month_run (a constant: near_month_list), a period's counts are its run's month counts, minus the items
-- whose days fall between the two pairs of bounds (near_item) as classified in the run, plus the same items as
-- classified in the period: an item none of whose days is there is classified alike in both, so this is exact
-- (the run's months must be built: oversight.metrics_cache.ensure_months builds them; else the query fails).
-- Else they are classified from the items (items_classified, once per period).
--
-- Biểu 06 aggregates (case_stats), per period: a unit with any case-level case in scope for the period is
-- counted from its cases only (item-level data is exact and can be drilled into); a unit without any takes its
-- aggregates, and only when aggregate periods lying within the period together cover it exactly (contiguous,
-- no gap, no overlap; a period contained in a longer loaded one is ignored). Per unit and aggregate period the
-- latest active upload wins; within one upload, field rows are used when present, else the unit's all-fields
-- row (field NULL). Several aggregate periods combine like months: new and resolved add up, carried_over is the
-- first's, pending columns are the last's. Aggregates carry no deadline, due-soon or rating counts.
create or replace macro kind_counts(froms, tos, from_months, by_field) as table
with
periods as (
    select *, near_month_run(period_from, period_to) as near from period_list(froms, tos)
),
bounds as (
    -- the earliest start and the latest end over all the periods, as constants
    select
        cast(list_min(cast(froms as date[])) as timestamp) as first_from_ts,
        cast(list_max(cast(tos as date[])) + 1 as timestamp) as last_asof_ts,
        list_min(cast(tos as date[])) as first_to,
        list_max(cast(tos as date[])) + 8 as beyond_due_soon
),
items as (
    select periods.period_no, classified.*
    from periods, lateral (
        select * from items_classified(periods.period_from, periods.period_to)
    ) as classified
    -- the same scope over all the periods at once, as constants, so that the scan skips whole row groups
    where not from_months
        and not (near_months() and near_month_list(froms, tos))
        and (classified.received_at is null
            or classified.received_at < cast(list_max(cast(tos as date[])) + 1 as timestamp))
        and classified.scope_end >= cast(list_min(cast(froms as date[])) as timestamp)
        -- the open backlog is counted below, once for all the periods
        and not coalesce(
            backlog_grouped()
            and classified.received_at < cast(list_min(cast(froms as date[])) as timestamp)
            and classified.scope_end >= cast(list_max(cast(tos as date[])) + 1 as timestamp)
            and (classified.done_at >= cast(list_max(cast(tos as date[])) + 1 as timestamp)
                or (classified.done_at is null
                    and not coalesce(classified.status_code in ('done_early', 'done_on_time', 'done_late', 'done',
                        'returned'), false))),
            false
        )
),
backlog as (
    -- the open backlog: items received before the first period starts and not done (by done date, else by
    -- status) by the end of the last one. In every period such an item is carried over and pending, and its
    -- class (METRICS.md section 2, items_classified) depends only on its status and the day it is due relative
    -- to the period's end, so it is counted per status and due day (clamped to the days where it can matter)
    -- instead of classified once per period.
    select
        items.kind,
        items.unit_id,
        case when by_field then items.field end as field,
        items.status_code,
        -- (greatest and least skip NULL: an item without due date keeps NULL)
        case
            when items.due_at is not null
                then least(greatest(cast(items.due_at as date), bounds.first_to), bounds.beyond_due_soon)
        end as due_day,
        count(*) as n
    from metrics_item_cache as items, bounds
    where not from_months
        and not (near_months() and near_month_list(froms, tos))
        and backlog_grouped()
        and coalesce(
            items.received_at < bounds.first_from_ts
            and items.scope_end >= bounds.last_asof_ts
            and (items.done_at >= bounds.last_asof_ts
                or (items.done_at is null
                    and not coalesce(items.status_code in ('done_early', 'done_on_time', 'done_late', 'done',
                        'returned'), false))),
            false
        )
        and items.scope_end >= cast(list_max(cast(tos as date[])) + 1 as timestamp)
        and items.received_at < cast(list_min(cast(froms as date[])) as timestamp)
    group by all
),
backlog_classes as (
    select
        periods.period_no,
        backlog.*,
        case
            when coalesce(backlog.status_code = 'paused', false) then 'on_time'
            when backlog.due_day is not null then
                case when backlog.due_day <= periods.period_to then 'overdue' else 'on_time' end
            when coalesce(backlog.status_code = 'open_overdue', false) then 'overdue'
            when coalesce(backlog.status_code = 'open_on_time', false) then 'on_time'
            else 'no_deadline'
        end as pending_class,
        backlog.due_day between periods.period_to + 1 and periods.period_to + 7 as due_in_week
    from periods, backlog
),
backlog_counts as (
    select
        period_no,
        kind,
        unit_id,
        field,
        0 as new_online,
        0 as new_offline,
        sum(n) as carried_over,
        0 as resolved_early,
        0 as resolved_on_time,
        0 as resolved_late,
        0 as resolved_no_deadline,
        coalesce(sum(n) filter (where pending_class = 'on_time'
            or (pending_class = 'no_deadline' and kind = 'cases')), 0) as pending_on_time,
        coalesce(sum(n) filter (where pending_class = 'overdue'), 0) as pending_overdue,
        coalesce(sum(n) filter (where pending_class = 'no_deadline' and kind <> 'cases'), 0)
            as pending_no_deadline,
        0 as no_deadline_resolved,
        coalesce(sum(n) filter (where pending_class = 'no_deadline'), 0) as no_deadline_pending,
        coalesce(sum(n) filter (where pending_class = 'on_time' and coalesce(status_code, '') <> 'paused'
            and due_in_week), 0) as due_soon,
        0 as rated,
        0 as satisfied
    from backlog_classes
    group by period_no, kind, unit_id, field
),
near_runs as (
    -- each period (+1) and its near run (-1)
    select period_no, 1 as sign, period_from as run_from, period_to as run_to from periods
    union all
    select period_no, -1 as sign, near.near_from as run_from, near.near_to as run_to from periods
),
near_source as (
    -- the items with a day between a period's bounds and its run's (near_item): every other item is classified
    -- alike in both, so only these are classified, in the period (+1) and in its run (-1)
    select *
    from metrics_item_cache as items
    where near_months()
        and near_month_list(froms, tos)
        and not from_months
        and items.scope_end >= cast(
            list_min([least(f, near_month_start(f)) for f in cast(froms as date[])]) as timestamp
        )
        and (near_item(froms, tos, 1, items.received_at, items.done_at, items.scope_end, items.due_at)
            or near_item(froms, tos, 2, items.received_at, items.done_at, items.scope_end, items.due_at))
),
near_source_1 as (
    select * from near_source
    where near_item(froms, tos, 1, received_at, done_at, scope_end, due_at)
),
near_source_2 as (
    select * from near_source
    where near_item(froms, tos, 2, received_at, done_at, scope_end, due_at)
),
near_items as (
    select near_runs.period_no, near_runs.sign, classified.*
    from near_runs, lateral (
        select * from items_classified_of('near_source_1', near_runs.run_from, near_runs.run_to)
    ) as classified
    where near_runs.period_no = 1
    union all
    select near_runs.period_no, near_runs.sign, classified.*
    from near_runs, lateral (
        select * from items_classified_of('near_source_2', near_runs.run_from, near_runs.run_to)
    ) as classified
    where near_runs.period_no = 2
),
classified_counts as (
    select
        period_no,
        kind,
        unit_id,
        case when by_field then field end as field,
        count(*) filter (where is_new and coalesce(channel = 'online', false)) as new_online,
        count(*) filter (where is_new and not coalesce(channel = 'online', false)) as new_offline,
        count(*) filter (where not is_new) as carried_over,
        count(*) filter (where outcome = 'resolved_early') as resolved_early,
        count(*) filter (where outcome = 'resolved_on_time') as resolved_on_time,
        count(*) filter (where outcome = 'resolved_late') as resolved_late,
        count(*) filter (where outcome = 'resolved_no_deadline') as resolved_no_deadline,
        count(*) filter (where outcome = 'pending_on_time') as pending_on_time,
        count(*) filter (where outcome = 'pending_overdue') as pending_overdue,
        count(*) filter (where outcome = 'pending_no_deadline') as pending_no_deadline,
        count(*) filter (where no_deadline and is_resolved) as no_deadline_resolved,
        count(*) filter (where no_deadline and not is_resolved) as no_deadline_pending,
        count(*) filter (where is_due_soon) as due_soon,
        count(*) filter (where is_resolved and rating is not null) as rated,
        count(*) filter (where is_resolved and rating = 'satisfied') as satisfied
    from items
    group by all
),
near_counts as (
    -- the same counts over the near items, signed, kept apart from classified_counts: one aggregate over the union
    -- of both measured 7-14 % slower, on either path
    select
        period_no,
        kind,
        unit_id,
        case when by_field then field end as field,
        coalesce(sum(sign) filter (where is_new and coalesce(channel = 'online', false)), 0) as new_online,
        coalesce(sum(sign) filter (where is_new and not coalesce(channel = 'online', false)), 0) as new_offline,
        coalesce(sum(sign) filter (where not is_new), 0) as carried_over,
        coalesce(sum(sign) filter (where outcome = 'resolved_early'), 0) as resolved_early,
        coalesce(sum(sign) filter (where outcome = 'resolved_on_time'), 0) as resolved_on_time,
        coalesce(sum(sign) filter (where outcome = 'resolved_late'), 0) as resolved_late,
        coalesce(sum(sign) filter (where outcome = 'resolved_no_deadline'), 0) as resolved_no_deadline,
        coalesce(sum(sign) filter (where outcome = 'pending_on_time'), 0) as pending_on_time,
        coalesce(sum(sign) filter (where outcome = 'pending_overdue'), 0) as pending_overdue,
        coalesce(sum(sign) filter (where outcome = 'pending_no_deadline'), 0) as pending_no_deadline,
        coalesce(sum(sign) filter (where no_deadline and is_resolved), 0) as no_deadline_resolved,
        coalesce(sum(sign) filter (where no_deadline and not is_resolved), 0) as no_deadline_pending,
        coalesce(sum(sign) filter (where is_due_soon), 0) as due_soon,
        coalesce(sum(sign) filter (where is_resolved and rating is not null), 0) as rated,
        coalesce(sum(sign) filter (where is_resolved and rating = 'satisfied'), 0) as satisfied
    from near_items
    group by all
),
month_periods as (
    -- the periods answered from month rows: whole months, or each period's near run
    select period_no, period_from, period_to from periods where from_months
    union all
    select period_no, near.near_from as period_from, near.near_to as period_to
    from periods
    where near_months() and near_month_list(froms, tos) and not from_months
),
near_unbuilt as (
    -- the near runs some month of which is not built (ensure_months builds them before the query)
    select count(*) as runs
    from month_periods
    where not from_months
        and date_diff('month', period_from, period_to) + 1 <> (
            select count(*)
            from metrics_cache_months as months
            where months.cutoff = 'calendar'
                and months.month_from between month_periods.period_from and month_periods.period_to
        )
),
month_rows as (
    -- an equality join on the few months of each period, then the span rows that end within it
    select periods.period_no, periods.period_from, periods.period_to, counts.*
    from month_periods as periods
    join metrics_cache_months as months
        on months.cutoff = month_cutoff(periods.period_from, periods.period_to)
        and months.month_from >= periods.period_from
        and months.month_to <= periods.period_to
    join metrics_month_counts as counts
        on counts.cutoff = months.cutoff
        and counts.month_from = months.month_from
        and counts.month_to <= periods.period_to
    where counts.per_field = by_field
),
month_counts as (
    -- carried over from the period's first month, pending and due soon from its last (the rows are summed)
    select
        period_no,
        kind,
        unit_id,
        field,
        new_online,
        new_offline,
        case when month_from = period_from then carried_over else 0 end as carried_over,
        resolved_early,
        resolved_on_time,
        resolved_late,
        resolved_no_deadline,
        case when month_to = period_to then pending_on_time else 0 end as pending_on_time,
        case when month_to = period_to then pending_overdue else 0 end as pending_overdue,
        case when month_to = period_to then pending_no_deadline else 0 end as pending_no_deadline,
        no_deadline_resolved,
        case when month_to = period_to then no_deadline_pending else 0 end as no_deadline_pending,
        case when month_to = period_to then due_soon else 0 end as due_soon,
        rated,
        satisfied
    from month_rows
),
item_counts as (
    select * from classified_counts
    union all
    select * from near_counts
    union all
    select * from backlog_counts
    union all
    select * from month_counts
),
item_case_units as (
    -- the units with a case in scope (each is new or carried over, and near-run rows may net to nothing)
    select period_no, unit_id
    from item_counts
    where kind = 'cases'
    group by period_no, unit_id
    having sum(new_online + new_offline + carried_over) > 0
),
latest_stats as (
    -- per unit and aggregate period the latest upload, and within it the field rows, else the all-fields row
    select *
    from stg_case_stats
    qualify upload_id = max(upload_id) over (partition by unit_id, period_from, period_to)
        and (field is not null or count(field) over (partition by upload_id, unit_id, period_from, period_to) = 0)
),
stats_in_range as (
    select periods.period_no, periods.period_from as p_from, periods.period_to as p_to, stats.*
    from latest_stats as stats
    join periods on stats.period_from >= periods.period_from and stats.period_to <= periods.period_to
    anti join item_case_units using (period_no, unit_id)
),
unit_periods as (
    select distinct period_no, p_from, p_to, unit_id, period_from, period_to from stats_in_range
),
maximal as (
    -- ordered by start, longest first, an aggregate period is contained in a longer one iff an earlier one
    -- reaches as far
    select *
    from unit_periods
    qualify coalesce(
        max(period_to) over (
            partition by period_no, unit_id order by period_from, period_to desc
            rows between unbounded preceding and 1 preceding
        ) < period_to,
        true
    )
),
chained as (
    select *, lag(period_to) over (partition by period_no, unit_id order by period_from) as previous_to
    from maximal
),
covering as (
    select period_no, unit_id, min(period_from) as first_from, max(period_to) as last_to
    from chained
    group by period_no, unit_id, p_from, p_to
    having min(period_from) = p_from
        and max(period_to) = p_to
        and bool_and(previous_to is null or period_from = previous_to + 1)
),
stat_counts as (
    select
        stats.period_no,
        'cases' as kind,
        stats.unit_id,
        stats.field,
        sum(stats.cases_new_online) as new_online,
        sum(stats.cases_new_offline) as new_offline,
        coalesce(sum(stats.cases_carried_over) filter (where stats.period_from = covering.first_from), 0)
            as carried_over,
        sum(stats.cases_resolved_early) as resolved_early,
        sum(stats.cases_resolved_on_time) as resolved_on_time,
        sum(stats.cases_resolved_late) as resolved_late,
        0 as resolved_no_deadline,
        coalesce(sum(stats.cases_pending_on_time) filter (where stats.period_to = covering.last_to), 0)
            as pending_on_time,
        coalesce(sum(stats.cases_pending_overdue) filter (where stats.period_to = covering.last_to), 0)
            as pending_overdue,
        0 as pending_no_deadline,
        0 as no_deadline_resolved,
        0 as no_deadline_pending,
        0 as due_soon,
        0 as rated,
        0 as satisfied
    from stats_in_range as stats
    join maximal using (period_no, unit_id, period_from, period_to)
    join covering using (period_no, unit_id)
    group by stats.period_no, stats.unit_id, stats.field
),
combined as (
    select 'cases' as source, * from item_counts
    union all
    select 'case_stats' as source, * from stat_counts
),
final as (
    select
        source,
        period_no,
        kind,
        unit_id,
        field,
        cast(new_online as bigint) as new_online,
        cast(new_offline as bigint) as new_offline,
        cast(carried_over as bigint) as carried_over,
        cast(resolved_early as bigint) as resolved_early,
        cast(resolved_on_time as bigint) as resolved_on_time,
        cast(resolved_late as bigint) as resolved_late,
        cast(resolved_no_deadline as bigint) as resolved_no_deadline,
        cast(pending_on_time as bigint) as pending_on_time,
        cast(pending_overdue as bigint) as pending_overdue,
        cast(pending_no_deadline as bigint) as pending_no_deadline,
        cast(no_deadline_resolved as bigint) as no_deadline_resolved,
        cast(no_deadline_pending as bigint) as no_deadline_pending,
        cast(due_soon as bigint) as due_soon,
        cast(rated as bigint) as rated,
        cast(satisfied as bigint) as satisfied
    from combined
    where coalesce((select runs from near_unbuilt) = 0, true)
        or error('kind_counts: a month of a near run is not built (ensure_months first)') is null
)
select * from final
