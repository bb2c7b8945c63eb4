-- A successful login: the failure count starts again; $password_hash is the stored one or its rehash.
UPDATE users
SET failed_attempts = 0, locked_until = NULL, last_login_at = $now, password_hash = $password_hash
WHERE user_id = $user_id
