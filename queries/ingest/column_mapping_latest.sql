-- The latest mapping remembered for a header fingerprint; $kind NULL: of any kind.
SELECT mapping_id, kind, choices, created_by, created_at
FROM column_mappings
WHERE fingerprint = $fingerprint
  AND ($kind IS NULL OR kind = $kind)
ORDER BY created_at DESC, mapping_id DESC
LIMIT 1
