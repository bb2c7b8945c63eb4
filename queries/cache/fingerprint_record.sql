-- Records that the metrics caches were just built from the data of $fingerprint (queries/cache/fingerprint.sql).
insert or replace into metrics_cache_state (name, fingerprint, refreshed_at)
values ('items', $fingerprint, current_timestamp)
