-- The setup link with this token hash if it is unused and unexpired at $now.
SELECT token_hash, expires_at
FROM setup_tokens
WHERE token_hash = $token_hash AND used_at IS NULL AND expires_at > $now
