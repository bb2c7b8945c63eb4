-- A unit's former name with the days it was used, kept when it is renamed.
INSERT INTO unit_names (unit_id, name, short_name, valid_from, valid_to, renamed_by)
VALUES ($id, $name, $short, $valid_from, $valid_to, $user)
