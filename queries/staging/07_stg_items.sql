-- Tasks, cases and feedback in one shape, so one classification (items_classified) serves all three.
create or replace view stg_items as
with
final as (
    select kind, item_key, upload_id, source_row, item_code, doc_date, title, unit_id, unit_name, field, channel, rating,
        received_at, due_at, done_at, due_text, status_text, status_code
    from stg_tasks
    union all
    select kind, item_key, upload_id, source_row, item_code, doc_date, title, unit_id, unit_name, field, channel, rating,
        received_at, due_at, done_at, due_text, status_text, status_code
    from stg_cases
    union all
    select kind, item_key, upload_id, source_row, item_code, doc_date, title, unit_id, unit_name, field, channel, rating,
        received_at, due_at, done_at, due_text, status_text, status_code
    from stg_feedback
)
select * from final
