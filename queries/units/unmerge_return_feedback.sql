-- The feedback rows that merge $merge moved to unit $keep given back to unit $drop; the count of rows returned.
UPDATE feedback SET unit_id = $drop WHERE unit_id = $keep AND (upload_id, source_row) IN
    (SELECT (upload_id, source_row) FROM unit_merge_rows WHERE merge_id = $merge
    AND table_name = 'feedback')
