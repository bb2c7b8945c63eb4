-- The cached rows of the marked items (metrics_cache_dirty, schema 072) removed before they are rebuilt.
delete from metrics_item_cache
where (kind, item_key) in (select (kind, item_key) from metrics_cache_dirty)
