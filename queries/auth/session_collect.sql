-- Use up a handoff code (once, before it expires, while its session is live): the session gets its cookie token.
UPDATE web_sessions
SET token_hash = $token_hash, handoff_hash = NULL, handoff_expires_at = NULL, last_seen = $now
WHERE handoff_hash = $handoff_hash AND handoff_expires_at > $now AND revoked_at IS NULL AND expires_at > $now
RETURNING session_id, user_id, expires_at
