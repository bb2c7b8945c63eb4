-- The lineage links of unit $drop, recorded for merge $merge, each marked when naming unit $keep instead gives
-- a new link (neither a loop nor one that exists).
INSERT INTO unit_merge_lineage
SELECT $merge, l.from_unit_id, l.to_unit_id, l.effective, l.is_default, l.is_split,
    n.f <> n.t AND NOT EXISTS (SELECT 1 FROM unit_lineage x WHERE x.from_unit_id = n.f
      AND x.to_unit_id = n.t)
FROM unit_lineage l,
LATERAL (SELECT CASE WHEN l.from_unit_id = $drop THEN $keep ELSE l.from_unit_id END AS f,
      CASE WHEN l.to_unit_id = $drop THEN $keep ELSE l.to_unit_id END AS t) n
WHERE l.from_unit_id = $drop OR l.to_unit_id = $drop
