-- Items (tasks, cases, feedback of active uploads) whose status text disagrees with their dates; the dates
-- win in every figure and these rows are the data-quality warnings. $upload: one upload, NULL for all.
-- Zero rows = pass.
with
items as (
    select * from stg_items where $upload is null or upload_id = $upload
),
judged as (
    select
        *,
        case
            when done_at is not null and status_code in ('open', 'open_on_time', 'open_overdue', 'paused')
                then 'Trạng thái chưa hoàn thành nhưng có ngày hoàn thành'
            when done_at is not null and due_at is not null and status_code = 'done_late' and done_at <= due_at
                then 'Trạng thái quá hạn nhưng ngày hoàn thành không muộn hơn hạn xử lý'
            when done_at is not null and due_at is not null and status_code in ('done_on_time', 'done_early')
                and done_at > due_at
                then 'Trạng thái đúng hạn nhưng ngày hoàn thành muộn hơn hạn xử lý'
        end as reason
    from items
),
final as (
    select kind, upload_id, source_row, item_code, unit_name, received_at, due_at, done_at, status_text, reason
    from judged
    where reason is not null
    order by upload_id, source_row
)
select * from final
