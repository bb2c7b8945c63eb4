-- The fingerprint of the loaded data the metrics caches were last built from (none before the first build).
select fingerprint from metrics_cache_state where name = 'items'
