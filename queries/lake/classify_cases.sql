-- TTHC cases per province, reported unit and month: the 13 columns of Biểu 06 (METRICS.md section 3), classified over
-- the lake as the database does (queries/staging/04_stg_cases.sql, 06_stg_case_stats.sql, 10_items_classified.sql,
-- 20_kind_counts.sql): portable SQL (CASE, COALESCE, CAST, date comparisons, window functions) that DuckDB runs
-- today and Spark SQL can run as it is. Reads lake_cases and lake_case_stats (the Parquet files), lake_uploads (the
-- manifest) and lake_months (month_from, month_to).
-- Counted: the rows of 'active' uploads only, per province and case_code the latest upload (then the last row);
-- done = the result date, else the date the result was handed back; a case without deadline counts as on time.
-- Every date test compares dates: a due at 00:00:00 means the end of its day, so "done > due" is
-- "date(done) > date(due)" for such a due, and "due < as_of" is "date(due) <= month_to" for every due.
-- Biểu 06 aggregates, as the database's kind_counts (queries/staging/20_kind_counts.sql): a unit without any
-- case-level case in scope for the month takes its aggregate rows, and only when aggregate periods lying within
-- the month together cover it exactly (contiguous, no gap, no overlap; a period contained in a longer loaded one is
-- ignored). Per unit and aggregate period the latest active upload wins; within it the field rows, else the
-- all-fields row. Several aggregate periods combine like months: new and resolved add up, carried_over is the
-- first's, pending columns are the last's.
with
active as (
    select province, upload_id
    from lake_uploads
    where state = 'active'
),
ranked as (
    select
        t.province,
        t.unit_id,
        t.received as received_at,
        t.due as due_at,
        coalesce(t.done, t.returned) as done_at,
        t.status_code,
        t.channel,
        row_number() over (
            partition by t.province, t.case_code order by t.upload_id desc, t.source_row desc
        ) as rank_in_key
    from lake_cases as t
    join active as a on a.province = t.province and a.upload_id = t.upload_id
),
items as (
    select
        province,
        unit_id,
        received_at,
        due_at,
        done_at,
        status_code,
        channel,
        cast(received_at as date) as received_day,
        cast(due_at as date) as due_day,
        cast(done_at as date) as done_day,
        coalesce(due_at = cast(cast(due_at as date) as timestamp), false) as due_is_day,
        coalesce(status_code in ('done_early', 'done_on_time', 'done_late', 'done', 'returned'), false)
            as done_by_status
    from ranked
    where rank_in_key = 1
),
scoped as (
    select
        m.month_from,
        m.month_to,
        i.*,
        case when i.done_at is not null then i.done_day <= m.month_to else i.done_by_status end as is_done,
        coalesce(i.received_day >= m.month_from, false) as is_new
    from items as i
    cross join lake_months as m
    where (i.received_day is null or i.received_day <= m.month_to)
        and not (
            case
                when i.done_at is not null then i.done_day < m.month_from
                else i.done_by_status and coalesce(i.received_day < m.month_from, true)
            end
        )
),
classed as (
    select
        *,
        case
            when not is_done then null
            when status_code = 'returned' then 'on_time'
            when due_at is not null and done_at is not null then
                case
                    when (due_is_day and done_day > due_day) or (not due_is_day and done_at > due_at) then 'late'
                    when done_day < due_day then 'early'
                    else 'on_time'
                end
            when status_code = 'done_early' then 'early'
            when status_code = 'done_on_time' then 'on_time'
            when status_code = 'done_late' then 'late'
            else 'on_time'
        end as resolved_class,
        case
            when is_done then null
            when status_code = 'paused' then 'on_time'
            when due_at is not null then case when due_day <= month_to then 'overdue' else 'on_time' end
            when status_code = 'open_overdue' then 'overdue'
            else 'on_time'
        end as pending_class
    from scoped
),
item_counts as (
    select
        province,
        unit_id,
        month_from,
        month_to,
        sum(case when is_new and coalesce(channel = 'online', false) then 1 else 0 end) as cases_new_online,
        sum(case when is_new and not coalesce(channel = 'online', false) then 1 else 0 end) as cases_new_offline,
        sum(case when not is_new then 1 else 0 end) as cases_carried_over,
        sum(case when resolved_class = 'early' then 1 else 0 end) as cases_resolved_early,
        sum(case when resolved_class = 'on_time' then 1 else 0 end) as cases_resolved_on_time,
        sum(case when resolved_class = 'late' then 1 else 0 end) as cases_resolved_late,
        sum(case when pending_class = 'on_time' then 1 else 0 end) as cases_pending_on_time,
        sum(case when pending_class = 'overdue' then 1 else 0 end) as cases_pending_overdue
    from classed
    group by province, unit_id, month_from, month_to
),
stats_active as (
    select
        s.*,
        max(s.upload_id) over (partition by s.province, s.unit_id, s.period_from, s.period_to) as latest_upload,
        count(s.field) over (partition by s.province, s.upload_id, s.unit_id, s.period_from, s.period_to)
            as field_rows
    from lake_case_stats as s
    join active as a on a.province = s.province and a.upload_id = s.upload_id
),
latest_stats as (
    -- per unit and aggregate period the latest upload, and within it the field rows, else the all-fields row
    select *
    from stats_active
    where upload_id = latest_upload and (field is not null or field_rows = 0)
),
stats_in_range as (
    -- the aggregate periods lying within the month asked for, of units without any case-level case in it
    select m.month_from, m.month_to, s.*
    from latest_stats as s
    join lake_months as m on s.period_from >= m.month_from and s.period_to <= m.month_to
    left join item_counts as i
        on i.province = s.province and i.unit_id = s.unit_id and i.month_from = m.month_from
        and i.month_to = m.month_to
    where i.unit_id is null
),
unit_periods as (
    select distinct province, month_from, month_to, unit_id, period_from, period_to from stats_in_range
),
reach as (
    -- ordered by start, longest first, an aggregate period is contained in a longer one iff an earlier one
    -- reaches as far
    select
        *,
        max(period_to) over (
            partition by province, month_from, month_to, unit_id order by period_from, period_to desc
            rows between unbounded preceding and 1 preceding
        ) as earlier_reach
    from unit_periods
),
maximal as (
    select province, month_from, month_to, unit_id, period_from, period_to
    from reach
    where earlier_reach is null or earlier_reach < period_to
),
chained as (
    select
        *,
        lag(period_to) over (partition by province, month_from, month_to, unit_id order by period_from)
            as previous_to
    from maximal
),
covering as (
    -- the units whose aggregate periods together cover the month exactly: contiguous, no gap, no overlap
    select province, month_from, month_to, unit_id, min(period_from) as first_from, max(period_to) as last_to
    from chained
    group by province, month_from, month_to, unit_id
    having min(period_from) = month_from
        and max(period_to) = month_to
        and min(case when previous_to is null or period_from = date_add(previous_to, 1) then 1 else 0 end) = 1
),
stat_counts as (
    -- several aggregate periods combine like months: new and resolved add up, carried_over is the first's,
    -- pending columns are the last's
    select
        s.province,
        s.unit_id,
        s.month_from,
        s.month_to,
        sum(s.cases_new_online) as cases_new_online,
        sum(s.cases_new_offline) as cases_new_offline,
        sum(case when s.period_from = c.first_from then s.cases_carried_over else 0 end) as cases_carried_over,
        sum(s.cases_resolved_early) as cases_resolved_early,
        sum(s.cases_resolved_on_time) as cases_resolved_on_time,
        sum(s.cases_resolved_late) as cases_resolved_late,
        sum(case when s.period_to = c.last_to then s.cases_pending_on_time else 0 end) as cases_pending_on_time,
        sum(case when s.period_to = c.last_to then s.cases_pending_overdue else 0 end) as cases_pending_overdue
    from stats_in_range as s
    join maximal as x
        on x.province = s.province and x.month_from = s.month_from and x.month_to = s.month_to
        and x.unit_id = s.unit_id and x.period_from = s.period_from and x.period_to = s.period_to
    join covering as c
        on c.province = s.province and c.month_from = s.month_from and c.month_to = s.month_to
        and c.unit_id = s.unit_id
    group by s.province, s.unit_id, s.month_from, s.month_to
),
combined as (
    select 'cases' as cases_source, item_counts.* from item_counts
    union all
    select 'case_stats' as cases_source, stat_counts.* from stat_counts
),
final as (
    select
        province,
        unit_id,
        month_from,
        month_to,
        cases_source,
        cases_new_online + cases_new_offline + cases_carried_over as cases_total,
        cases_new_online,
        cases_new_offline,
        cases_carried_over,
        cases_resolved_early + cases_resolved_on_time + cases_resolved_late as cases_resolved,
        cases_resolved_early,
        cases_resolved_on_time,
        cases_resolved_late,
        cases_pending_on_time + cases_pending_overdue as cases_pending,
        cases_pending_on_time,
        cases_pending_overdue
    from combined
)
select * from final
order by province, unit_id, month_from
