-- The item cache (schema 020) emptied before it is rebuilt.
delete from metrics_item_cache
