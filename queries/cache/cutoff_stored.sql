-- The cut-off setting the metrics caches were last built for (none before the first build by this version).
select fingerprint from metrics_cache_state where name = 'cutoff'
