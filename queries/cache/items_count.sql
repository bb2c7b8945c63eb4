-- The number of rows of metrics_item_cache (an incremental refresh marking most of them rebuilds in full).
select count(*) as items from metrics_item_cache
