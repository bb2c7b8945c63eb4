-- Every row of an active upload rejected because its unit is unknown (the reason starts with $prefix): the
-- value, the reason, the upload, its file and the last day of its period.
SELECT r.value, r.reason, r.upload_id, u.file_name, coalesce(u.period_to, u.period_from) AS on_day
FROM upload_rejects r JOIN uploads u USING (upload_id)
WHERE u.state = 'active' AND r.severity = 'error' AND starts_with(r.reason, $prefix)
