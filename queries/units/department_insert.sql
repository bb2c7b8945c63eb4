-- A department added by an administrator; its new unit_id.
INSERT INTO units (registry_key, code, name, short_name, abbreviation, unit_type, unit_group,
    province_code, valid_from, valid_to, source)
VALUES ($key, NULL, $name, $short, $abbr, $type, 'department', $province, $valid_from, NULL, 'admin')
RETURNING unit_id
