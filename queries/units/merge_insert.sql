-- A merge of unit $drop into unit $keep by $user; its merge_id.
INSERT INTO unit_merges (keep_id, drop_id, merged_by) VALUES ($keep, $drop, $user) RETURNING merge_id
