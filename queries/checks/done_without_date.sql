-- Items whose status says done (or returned) but which have no done date: their timing comes from the
-- status text and they are attributed to the period they were received in. Zero rows = pass.
with
final as (
    select kind, upload_id, source_row, item_code, unit_name, received_at, due_at, status_text, status_code
    from stg_items
    where done_at is null
        and status_code in ('done_early', 'done_on_time', 'done_late', 'done', 'returned')
    order by upload_id, source_row
)
select * from final
