-- The task, case and feedback rows of the uploads $ids: an incremental refresh (oversight.metrics_cache) checks
-- that the fact tables grew by the rows of the new uploads only (anything else falls back to a full rebuild).
with
ids as (
    select unnest(cast($ids as integer[])) as upload_id
),
final as (
    select
        (select count(*) from tasks where upload_id in (select upload_id from ids)) as tasks_rows,
        (select count(*) from cases where upload_id in (select upload_id from ids)) as cases_rows,
        (select count(*) from feedback where upload_id in (select upload_id from ids)) as feedback_rows
)
select * from final
