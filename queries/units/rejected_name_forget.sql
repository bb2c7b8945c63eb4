-- A name ($key) no longer recorded as not a unit of the province.
DELETE FROM unit_rejected_names WHERE name_key = $key
