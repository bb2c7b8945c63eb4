-- The active, counted, period-scoped feedback uploads of the same period that upload $id replaces (a unit in common).
SELECT DISTINCT u.upload_id FROM uploads u JOIN feedback f USING (upload_id)
WHERE u.state = 'active' AND u.demo_retired_at IS NULL AND u.kind = $kind
  AND u.upload_id <> $id
  AND u.period_from = $pfrom AND u.period_to = $pto
  AND coalesce(CAST(json_extract(u.details, '$.scope_period') AS BOOLEAN), false)
  AND f.unit_id IN (SELECT unit_id FROM feedback WHERE upload_id = $id)
ORDER BY 1
