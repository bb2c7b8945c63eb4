-- The case_stats rows of unit $drop given to unit $keep (a merge); the count of rows moved.
UPDATE case_stats SET unit_id = $keep WHERE unit_id = $drop
