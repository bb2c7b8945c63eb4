-- A wrong password for an existing account: one more consecutive failure, shown to admins in the account
-- list. It never locks the account (oversight/auth/throttle.py blocks the name and client instead, so that
-- nobody can lock another user out).
UPDATE users
SET failed_attempts = failed_attempts + 1
WHERE user_id = $user_id
RETURNING users.failed_attempts
