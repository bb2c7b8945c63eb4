-- The first active upload of a file with this SHA-256 (NULL: none), so the same file is never loaded twice.
SELECT min(upload_id) FROM uploads WHERE sha256 = $sha AND state = 'active'
