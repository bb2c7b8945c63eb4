-- What merging unit $drop into another moves besides facts: its aliases and its child units (counts).
SELECT 'unit_aliases' AS tbl, NULL AS file, count(*) AS rows FROM unit_aliases WHERE unit_id = $drop
UNION ALL SELECT 'units', NULL, count(*) FROM units WHERE parent_id = $drop
