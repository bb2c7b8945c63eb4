-- An alias written by an administrator for unit $id, unless the unit already has its key.
INSERT INTO unit_aliases (alias_key, unit_id, alias, source, created_by)
VALUES ($key, $id, $alias, 'admin', $user) ON CONFLICT DO NOTHING
