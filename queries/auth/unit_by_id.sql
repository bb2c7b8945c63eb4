-- A unit an account may be tied to.
SELECT unit_id, name, merged_into FROM units WHERE unit_id = $unit_id
