-- The fact rows and aliases merge $merge moved.
UPDATE unit_merges SET fact_rows = $facts, alias_rows = $aliases WHERE merge_id = $merge
