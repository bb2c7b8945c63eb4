-- A wrong password: one more consecutive failure, counted from zero again once an earlier lock has
-- expired; reaching $max_failed locks the account until $lock_until.
UPDATE users
SET failed_attempts = f.attempts,
    locked_until = CASE WHEN f.attempts >= $max_failed THEN CAST($lock_until AS TIMESTAMP) END
FROM (
    SELECT user_id, CASE WHEN locked_until <= $now THEN 1 ELSE failed_attempts + 1 END AS attempts
    FROM users
    WHERE user_id = $user_id
) AS f
WHERE users.user_id = f.user_id
RETURNING users.failed_attempts, users.locked_until
