-- The aliases of unit $drop as they were, recorded for merge $merge, each marked when unit $keep already has
-- its key.
INSERT INTO unit_merge_aliases
SELECT $merge, d.alias_key, d.alias, d.source, d.created_by, d.created_at,
    EXISTS (SELECT 1 FROM unit_aliases k WHERE k.unit_id = $keep AND k.alias_key = d.alias_key)
FROM unit_aliases d WHERE d.unit_id = $drop
