-- How many aliases merge $merge recorded (all go back to the dropped unit).
SELECT count(*) FROM unit_merge_aliases WHERE merge_id = $merge
