-- Past merges, newest first: the kept and the dropped unit with their names, who merged and when, what moved,
-- who undid it and when.
SELECT m.merge_id, m.keep_id, k.name AS keep, m.drop_id, d.name AS drop, m.merged_by, m.merged_at,
    m.fact_rows, m.alias_rows, m.undone_by, m.undone_at
FROM unit_merges m JOIN units k ON k.unit_id = m.keep_id JOIN units d ON d.unit_id = m.drop_id
ORDER BY m.merge_id DESC
