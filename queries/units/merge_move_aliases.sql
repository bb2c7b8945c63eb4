-- The recorded aliases of merge $merge that unit $keep lacked, given to it.
INSERT INTO unit_aliases (alias_key, unit_id, alias, source, created_by, created_at)
SELECT alias_key, $keep, alias, source, created_by, created_at FROM unit_merge_aliases
WHERE merge_id = $merge AND NOT kept_had_it
