-- One account by its (normalised) user name, with its password hash: for logging in and for changes.
SELECT user_id, username, display_name, role, unit_id, active, failed_attempts, locked_until,
       created_at, created_by, password_changed_at, last_login_at, password_hash
FROM users
WHERE username = $username
