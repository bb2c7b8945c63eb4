-- Unit $drop no longer marked as merged.
UPDATE units SET merged_into = NULL WHERE unit_id = $drop
