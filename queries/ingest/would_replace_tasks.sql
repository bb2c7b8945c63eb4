-- The counted, period-scoped tasks uploads a new upload of the period $pfrom-$pto naming the units $units would replace
-- (upload_replaced_tasks.sql asked before anything is written), with the rows they hold of those units.
SELECT u.upload_id, u.file_name, u.uploaded_at, u.uploaded_by, count(*) AS rows_in_common
FROM uploads u JOIN tasks f USING (upload_id)
WHERE u.state = 'active' AND u.demo_retired_at IS NULL AND u.kind = $kind
  AND u.period_from = $pfrom AND u.period_to = $pto
  AND coalesce(CAST(json_extract(u.details, '$.scope_period') AS BOOLEAN), false)
  AND f.unit_id IN (SELECT unnest($units::INTEGER[]))
GROUP BY ALL ORDER BY u.upload_id
