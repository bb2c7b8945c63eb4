-- An alias written by an administrator for unit $unit.
INSERT INTO unit_aliases (alias_key, unit_id, alias, source, created_by)
VALUES ($key, $unit, $alias, 'admin', $user)
