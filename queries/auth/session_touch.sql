-- Note that a session was used (the caller does it at most every few minutes).
UPDATE web_sessions SET last_seen = $now WHERE session_id = $session_id AND revoked_at IS NULL
