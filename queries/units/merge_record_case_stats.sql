-- The case_stats rows of unit $drop, recorded for merge $merge so that it can be undone.
INSERT INTO unit_merge_rows (merge_id, table_name, upload_id, source_row)
SELECT $merge, 'case_stats', upload_id, source_row FROM case_stats WHERE unit_id = $drop
