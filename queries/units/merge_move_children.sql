-- The child units of unit $drop placed under unit $keep (a merge).
UPDATE units SET parent_id = $keep WHERE parent_id = $drop
