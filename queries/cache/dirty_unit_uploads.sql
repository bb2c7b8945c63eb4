-- The units and uploads of the marked items (metrics_cache_dirty, schema 072) as metrics_item_cache holds them:
-- run before and after their rows are rebuilt, the backdated rows of those units and the item days of those
-- uploads (metrics_upload_days) are rebuilt.
with
final as (
    select distinct items.unit_id, items.upload_id
    from metrics_item_cache as items
    semi join metrics_cache_dirty as marks on marks.kind = items.kind and marks.item_key = items.item_key
)
select * from final
