-- Record the digest of the staging files the views were just made from (in the same transaction).
INSERT OR REPLACE INTO staging_digest (id, digest, made_at) VALUES (1, $digest, current_timestamp)
