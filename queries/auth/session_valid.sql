-- The live session with this cookie token hash (or this id): not revoked, not past its own end nor the current
-- session length setting, its account active.
SELECT s.session_id, s.user_id, s.last_seen, s.expires_at
FROM web_sessions AS s
JOIN users AS u ON u.user_id = s.user_id
WHERE (s.token_hash = $token_hash OR s.session_id = $session_id)
  AND s.revoked_at IS NULL
  AND s.expires_at > $now
  AND s.created_at + to_hours(CAST($session_hours AS BIGINT)) > $now
  AND u.active
