-- Every original an upload points to, whatever its state (rolled-back uploads keep theirs).
SELECT DISTINCT stored_path FROM uploads WHERE stored_path IS NOT NULL
