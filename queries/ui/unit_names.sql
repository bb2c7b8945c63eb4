-- The official names of the units $ids (the preview shows the unit each row was matched to).
SELECT unit_id, name FROM units WHERE unit_id IN (SELECT unnest($ids))
