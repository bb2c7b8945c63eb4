-- Which items a link names: the rows of kind $kind ('tasks', 'cases', 'feedback') whose code is $code (a task's
-- document number, '' when it has none; a case code; a feedback code) and, when $upload is given, that sit at row
-- $row of upload $upload; each followed to its item's current version (the row every figure counts, from
-- metrics_item_cache), or, for an item no counted upload holds any more (rolled back, replaced), to its newest row.
-- Only the items of the units the current principal may see ($allowed, bound by run_query; NULL = every unit).
with
rows_of_kind as (
    select item_key, upload_id, source_row, unit_id, coalesce(doc_number, '') as item_code, content as title
    from tasks
    where $kind = 'tasks' and coalesce(doc_number, '') = $code
    union all
    select case_code, upload_id, source_row, unit_id, case_code, procedure_name
    from cases
    where $kind = 'cases' and case_code = $code
    union all
    select feedback_code, upload_id, source_row, unit_id, feedback_code, content
    from feedback
    where $kind = 'feedback' and feedback_code = $code
),
named as (
    select *
    from rows_of_kind
    where $upload is null or (upload_id = $upload and source_row = $row)
),
counted as (
    select cache.item_key, cache.upload_id, cache.source_row, cache.unit_id,
        coalesce(cache.item_code, '') as item_code, cache.title, true as is_counted
    from metrics_item_cache as cache
    where cache.kind = $kind and cache.item_key in (select item_key from named)
),
uncounted as (
    select item_key, upload_id, source_row, unit_id, item_code, title, false as is_counted
    from named
    where item_key not in (select item_key from counted)
    qualify row_number() over (partition by item_key order by upload_id desc, source_row desc) = 1
),
final as (
    select * from counted
    union all
    select * from uncounted
)
select *
from final
where $allowed is null or list_contains(cast($allowed as integer[]), unit_id)
order by is_counted desc, item_code, title, upload_id, source_row
limit 200
