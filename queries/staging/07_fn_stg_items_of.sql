-- Tasks, cases and feedback in one shape, so one classification (items_classified) serves all three.
-- scope_end: the instant after which the item is out of scope of every later period (done before its
-- `from`): the done date; for an item done per its status but without a done date, its reception (it is
-- attributed to the period it was received in); never for an open item.
-- The metric queries read its materialisation metrics_item_cache (schema 020), refreshed by oversight.metrics.
-- stg_items_of(tasks_source, cases_source, feedback_source): over the rows of the three tables or views named (the
-- view stg_items reads tasks, cases and feedback; the incremental cache refresh the stg_dirty_* views).
create or replace macro stg_items_of(tasks_source, cases_source, feedback_source) as table
with
unioned as (
    select kind, item_key, upload_id, source_row, item_code, doc_date, title, unit_id, unit_name, field,
        channel, rating, received_at, due_at, done_at, due_text, status_text, status_code
    from stg_tasks_of(tasks_source)
    union all
    select kind, item_key, upload_id, source_row, item_code, doc_date, title, unit_id, unit_name, field,
        channel, rating, received_at, due_at, done_at, due_text, status_text, status_code
    from stg_cases_of(cases_source)
    union all
    select kind, item_key, upload_id, source_row, item_code, doc_date, title, unit_id, unit_name, field,
        channel, rating, received_at, due_at, done_at, due_text, status_text, status_code
    from stg_feedback_of(feedback_source)
),
final as (
    select
        *,
        case
            when done_at is not null then done_at
            when status_code in ('done_early', 'done_on_time', 'done_late', 'done', 'returned')
                then coalesce(received_at, timestamp '1900-01-01')
            else timestamp '9999-12-31'
        end as scope_end
    from unioned
)
select * from final
