-- The tasks rows of unit $drop given to unit $keep (a merge); the count of rows moved.
UPDATE tasks SET unit_id = $keep WHERE unit_id = $drop
