-- How one item (kind $kind, key $key: its current version) is classified at the end of day $to, by the very
-- classification every count and list uses (items_classified, METRICS.md section 2). The scope starts at the
-- earliest date, so an item finished before a period still shows how it ended; an item received after $to
-- gives no row. status_conflict: its status text disagreeing with its dates, the rule of checks/status_date_conflicts
-- (the dates win). Nothing when its unit is outside the current principal's ($allowed, NULL = every unit).
with
classified as (
    select *
    from items_classified(date '1900-01-01', $to)
    where kind = $kind and item_key = $key
),
final as (
    select
        unit_id,
        item_key,
        upload_id,
        source_row,
        received_at,
        due_at,
        done_at,
        due_text,
        status_text,
        status_code,
        period_to as as_of,
        outcome,
        is_resolved,
        no_deadline,
        days_overdue,
        case
            when done_at is not null and status_code in ('open', 'open_on_time', 'open_overdue', 'paused')
                then 'Trạng thái chưa hoàn thành nhưng có ngày hoàn thành'
            when done_at is not null and due_at is not null and status_code = 'done_late' and done_at <= due_at
                then 'Trạng thái quá hạn nhưng ngày hoàn thành không muộn hơn hạn xử lý'
            when done_at is not null and due_at is not null and status_code in ('done_on_time', 'done_early')
                and done_at > due_at
                then 'Trạng thái đúng hạn nhưng ngày hoàn thành muộn hơn hạn xử lý'
        end as status_conflict
    from classified
    where $allowed is null or list_contains(cast($allowed as integer[]), unit_id)
)
select * from final
