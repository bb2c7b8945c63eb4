-- Merge $id: the kept and the dropped unit, and when it was undone (null while in force).
SELECT keep_id, drop_id, undone_at FROM unit_merges WHERE merge_id = $id
