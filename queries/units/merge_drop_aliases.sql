-- The aliases of unit $drop removed (a merge records them first).
DELETE FROM unit_aliases WHERE unit_id = $drop
