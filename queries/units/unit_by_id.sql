-- One unit of the registry by its id, as the administrative changes check it.
SELECT unit_id, name, code, unit_group, valid_from, valid_to, merged_into, unit_type, short_name
FROM units WHERE unit_id = $id
