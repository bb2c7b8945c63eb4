-- An account's role and unit.
UPDATE users SET role = $role, unit_id = $unit_id WHERE user_id = $user_id
