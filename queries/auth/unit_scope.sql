-- The units whose items a unit viewer of $unit_id sees: the unit, its sub-units (units.parent_id, a
-- district's communes) and the predecessors of each through unit_lineage (new unit -> old, recursively).
WITH RECURSIVE below (unit_id) AS (
    SELECT CAST($unit_id AS INTEGER)
    UNION
    SELECT u.unit_id FROM units AS u JOIN below AS b ON u.parent_id = b.unit_id
),
earlier (unit_id) AS (
    SELECT unit_id FROM below
    UNION
    SELECT l.from_unit_id FROM unit_lineage AS l JOIN earlier AS e ON l.to_unit_id = e.unit_id
)
SELECT unit_id FROM earlier ORDER BY unit_id
