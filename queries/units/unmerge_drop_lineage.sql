-- The lineage links that merge $merge made to name unit $keep instead of unit $drop, removed.
DELETE FROM unit_lineage WHERE (from_unit_id, to_unit_id) IN
    (SELECT (CASE WHEN from_unit_id = $drop THEN $keep ELSE from_unit_id END,
      CASE WHEN to_unit_id = $drop THEN $keep ELSE to_unit_id END)
     FROM unit_merge_lineage WHERE merge_id = $merge AND substituted)
