-- The aliases recorded by merge $merge given back to unit $drop.
INSERT INTO unit_aliases (alias_key, unit_id, alias, source, created_by, created_at)
SELECT alias_key, $drop, alias, source, created_by, created_at FROM unit_merge_aliases
WHERE merge_id = $merge ON CONFLICT DO NOTHING
