-- Merge $merge recorded as undone by $user, now.
UPDATE unit_merges SET undone_by = $user, undone_at = current_timestamp WHERE merge_id = $merge
