-- End one session (logout), found by its id or its cookie token hash.
UPDATE web_sessions
SET revoked_at = $now, revoked_reason = $reason, handoff_hash = NULL
WHERE (session_id = $session_id OR token_hash = $token_hash) AND revoked_at IS NULL
RETURNING session_id, user_id
