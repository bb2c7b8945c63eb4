-- The lineage links of unit $drop removed (a merge records them first).
DELETE FROM unit_lineage WHERE from_unit_id = $drop OR to_unit_id = $drop
