-- The child units that merge $merge placed under unit $keep put back under unit $drop.
UPDATE units SET parent_id = $drop WHERE parent_id = $keep AND unit_id IN
    (SELECT unit_id FROM unit_merge_rows WHERE merge_id = $merge AND table_name = 'units')
