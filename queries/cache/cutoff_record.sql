-- Records the cut-off setting ($cutoff) whose months the metrics caches were just built for (queries/cache), so
-- that an incremental refresh under another setting falls back to a full rebuild.
insert or replace into metrics_cache_state (name, fingerprint, refreshed_at)
values ('cutoff', $cutoff, current_timestamp)
