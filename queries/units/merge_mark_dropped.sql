-- Unit $drop marked as merged into unit $keep.
UPDATE units SET merged_into = $keep WHERE unit_id = $drop
