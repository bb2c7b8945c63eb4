-- One account by id, without its password hash.
SELECT user_id, username, display_name, role, unit_id, active, failed_attempts, locked_until,
       created_at, created_by, password_changed_at, last_login_at
FROM users
WHERE user_id = $user_id
