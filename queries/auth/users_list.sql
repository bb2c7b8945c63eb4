-- Every account for the admin page, without password hashes.
SELECT u.user_id, u.username, u.display_name, u.role, u.unit_id, n.name AS unit_name, u.active,
       u.failed_attempts, u.locked_until, u.last_login_at, u.password_changed_at, u.created_at, u.created_by
FROM users AS u
LEFT JOIN units AS n ON n.unit_id = u.unit_id
ORDER BY u.username
