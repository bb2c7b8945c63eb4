-- The lineage links recorded by merge $merge, restored as they were.
INSERT INTO unit_lineage (from_unit_id, to_unit_id, effective, is_default, is_split)
SELECT from_unit_id, to_unit_id, effective, is_default, is_split FROM unit_merge_lineage
WHERE merge_id = $merge ON CONFLICT DO NOTHING
