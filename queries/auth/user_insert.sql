-- A new account.
INSERT INTO users (username, display_name, role, unit_id, password_hash, created_by, password_changed_at)
VALUES ($username, $display_name, $role, $unit_id, $password_hash, $created_by, $now)
RETURNING user_id
