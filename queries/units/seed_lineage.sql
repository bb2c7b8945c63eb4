-- The seeded lineage from the registered frame seed_links: a department's link takes effect the day after it
-- ended, a commune's on 1/7/2025.
INSERT INTO unit_lineage (from_unit_id, to_unit_id, effective, is_default, is_split)
SELECT f.unit_id, t.unit_id,
    CASE WHEN f.unit_group = 'department' THEN f.valid_to + 1 ELSE DATE '2025-07-01' END,
    l.is_default, l.is_split
FROM seed_links l JOIN units f ON f.registry_key = l.from_key JOIN units t ON t.registry_key = l.to_key
