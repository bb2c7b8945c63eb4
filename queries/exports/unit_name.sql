-- The name of a unit, for the title of its list of late items when the list is empty.
SELECT name FROM units WHERE unit_id = $unit_id
