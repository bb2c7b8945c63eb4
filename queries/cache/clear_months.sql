-- The list of built months (schema 021) emptied before the months are rebuilt.
delete from metrics_cache_months
