-- Setup links not used yet: a new link replaces them.
DELETE FROM setup_tokens WHERE used_at IS NULL
