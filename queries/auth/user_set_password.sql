-- A new password; it also lifts a lock left by failed logins.
UPDATE users
SET password_hash = $password_hash, password_changed_at = $now, failed_attempts = 0, locked_until = NULL
WHERE user_id = $user_id
