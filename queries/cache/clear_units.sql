-- The unit cache (schema 020) emptied before it is rebuilt.
delete from metrics_unit_cache
