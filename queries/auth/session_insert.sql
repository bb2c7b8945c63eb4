-- A new login session, waiting for the browser to collect its cookie with the one-time handoff code.
INSERT INTO web_sessions (handoff_hash, handoff_expires_at, user_id, created_at, last_seen, expires_at, client)
VALUES ($handoff_hash, $handoff_expires_at, $user_id, $now, $now, $expires_at, $client)
RETURNING session_id
