-- items_classified_of(source, d_from, d_to): items_classified (10_items_classified.sql says how each item is
-- classified) over the rows of the table, view or CTE named `source`, with the columns of metrics_item_cache
-- (kind_counts' near runs classify only the few items they need).
create or replace macro items_classified_of(source, d_from, d_to) as table
with
bounds as (
    select
        cast(d_from as date) as period_from,
        cast(d_to as date) as period_to,
        cast(cast(d_from as date) as timestamp) as from_ts,
        cast(cast(d_to as date) + 1 as timestamp) as asof_ts
),
flagged as (
    select
        items.*,
        bounds.*,
        coalesce(items.status_code in ('done_early', 'done_on_time', 'done_late', 'done', 'returned'), false)
            as done_by_status
    from query_table(source) as items, bounds
    -- received by as_of and not done before from (constants, so the scan skips whole row groups)
    where (items.received_at is null or items.received_at < cast(cast(d_to as date) + 1 as timestamp))
        and items.scope_end >= cast(cast(d_from as date) as timestamp)
),
scoped as (
    select
        *,
        case when done_at is not null then done_at < asof_ts else done_by_status end as is_done,
        case
            when done_at is not null then done_at < from_ts
            else done_by_status and coalesce(received_at < from_ts, true)
        end as done_before_from,
        coalesce(received_at >= from_ts, false) as is_new
    from flagged
),
timed as (
    select
        *,
        case
            when not is_done then null
            when status_code = 'returned' then 'on_time'
            when due_at is not null and done_at is not null then
                case
                    when done_at > due_at then 'late'
                    when cast(done_at as date) < cast(due_at as date) then 'early'
                    else 'on_time'
                end
            when status_code = 'done_early' then 'early'
            when status_code = 'done_on_time' then 'on_time'
            when status_code = 'done_late' then 'late'
            when due_at is null then 'no_deadline'
            else 'on_time'
        end as resolved_class,
        case
            when is_done then null
            when status_code = 'paused' then 'on_time'
            when due_at is not null then case when due_at < asof_ts then 'overdue' else 'on_time' end
            when status_code = 'open_overdue' then 'overdue'
            when status_code = 'open_on_time' then 'on_time'
            else 'no_deadline'
        end as pending_class
    from scoped
    where not done_before_from
),
final as (
    select
        kind,
        item_key,
        item_code,
        doc_date,
        title,
        upload_id,
        source_row,
        unit_id,
        unit_name,
        field,
        channel,
        rating,
        received_at,
        due_at,
        done_at,
        due_text,
        status_text,
        status_code,
        scope_end,
        period_from,
        period_to,
        is_new,
        not is_new as is_carried_over,
        is_done as is_resolved,
        coalesce(resolved_class, pending_class) = 'no_deadline' as no_deadline,
        -- 'resolved_' || resolved_class or 'pending_' || pending_class, spelled out (cheaper than building
        -- the text for millions of rows), and a case without deadline counts as on time
        case
            when is_done then
                case
                    when resolved_class = 'early' then 'resolved_early'
                    when resolved_class = 'late' then 'resolved_late'
                    when resolved_class = 'no_deadline' and kind <> 'cases' then 'resolved_no_deadline'
                    else 'resolved_on_time'
                end
            else
                case
                    when pending_class = 'overdue' then 'pending_overdue'
                    when pending_class = 'no_deadline' and kind <> 'cases' then 'pending_no_deadline'
                    else 'pending_on_time'
                end
        end as outcome,
        case
            when is_done and resolved_class = 'late' and done_at is not null and due_at is not null
                then date_diff('day', cast(due_at as date), cast(done_at as date))
            when not is_done and pending_class = 'overdue' and due_at is not null
                then date_diff('day', cast(due_at as date), period_to)
        end as days_overdue,
        not is_done and pending_class = 'on_time' and coalesce(status_code, '') <> 'paused'
            and cast(due_at as date) between period_to + 1 and period_to + 7 as is_due_soon
    from timed
)
select * from final
