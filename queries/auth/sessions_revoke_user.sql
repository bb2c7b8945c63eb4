-- End every live session of an account (disabled, or its password changed).
UPDATE web_sessions
SET revoked_at = $now, revoked_reason = $reason, handoff_hash = NULL
WHERE user_id = $user_id AND revoked_at IS NULL
