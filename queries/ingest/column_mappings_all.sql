-- Every mapping remembered by hand, newest first (handed to the process that reads an upload).
SELECT fingerprint, mapping_id, kind, choices, created_by, created_at
FROM column_mappings
ORDER BY created_at DESC, mapping_id DESC
