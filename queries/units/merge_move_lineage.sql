-- The recorded lineage links of merge $merge that still make sense, naming unit $keep instead of unit $drop.
INSERT INTO unit_lineage (from_unit_id, to_unit_id, effective, is_default, is_split)
SELECT CASE WHEN from_unit_id = $drop THEN $keep ELSE from_unit_id END,
    CASE WHEN to_unit_id = $drop THEN $keep ELSE to_unit_id END, effective, is_default, is_split
FROM unit_merge_lineage WHERE merge_id = $merge AND substituted
