-- Marks for an incremental refresh (oversight.metrics_cache) every task, case and feedback item with a row in one
-- of the uploads $ids (uploads that started or stopped counting since the caches were built): its cached row and
-- the months and units it counts in are rebuilt. Returns the number of items marked.
insert into metrics_cache_dirty by name
with
ids as (
    select unnest(cast($ids as integer[])) as upload_id
),
keys as (
    select 'tasks' as kind, item_key from tasks where upload_id in (select upload_id from ids)
    union
    select 'cases' as kind, case_code as item_key from cases where upload_id in (select upload_id from ids)
    union
    select 'feedback' as kind, feedback_code as item_key from feedback where upload_id in (select upload_id from ids)
),
final as (
    select kind, item_key from keys
)
select * from final
