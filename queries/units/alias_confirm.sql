-- An uploader's confirmation that a written name ($alias, key $key) means unit $unit.
INSERT INTO unit_aliases (alias_key, unit_id, alias, source, created_by)
VALUES ($key, $unit, $alias, 'confirmed', $user) ON CONFLICT DO NOTHING
