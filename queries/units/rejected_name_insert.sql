-- Record that a name is not a unit of the province (once per key).
INSERT INTO unit_rejected_names (name_key, name, rejected_by) VALUES ($key, $name, $user)
ON CONFLICT DO NOTHING
