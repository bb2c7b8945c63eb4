-- The marks of an incremental refresh (schema 072) removed once the caches are rebuilt (same transaction).
delete from metrics_cache_dirty
