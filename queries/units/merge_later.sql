-- The latest merge after merge $id, still in force, that involves unit $keep or unit $drop.
SELECT merge_id FROM unit_merges WHERE merge_id > $id AND undone_at IS NULL
AND (keep_id IN ($keep, $drop) OR drop_id IN ($keep, $drop)) ORDER BY merge_id DESC LIMIT 1
