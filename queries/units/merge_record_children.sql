-- The child units of unit $drop, recorded for merge $merge so that it can be undone.
INSERT INTO unit_merge_rows (merge_id, table_name, unit_id)
SELECT $merge, 'units', unit_id FROM units WHERE parent_id = $drop
