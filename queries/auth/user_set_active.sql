-- Disable or enable an account; enabling also lifts a lock left by failed logins.
UPDATE users
SET active = $active,
    failed_attempts = CASE WHEN $active THEN 0 ELSE failed_attempts END,
    locked_until = CASE WHEN $active THEN NULL ELSE locked_until END
WHERE user_id = $user_id
