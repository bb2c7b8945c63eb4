-- The cached rows of the marked items (metrics_cache_dirty, schema 072) removed before they are rebuilt: a join on
-- (kind, item_key), not a row-value IN list (which compared every cached row's pair with the list: ~6× slower).
delete from metrics_item_cache
using metrics_cache_dirty as marks
where metrics_item_cache.kind = marks.kind and metrics_item_cache.item_key = marks.item_key
