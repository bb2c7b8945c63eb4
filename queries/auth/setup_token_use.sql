-- Mark a setup link used.
UPDATE setup_tokens SET used_at = $now, used_by = $username WHERE token_hash = $token_hash
