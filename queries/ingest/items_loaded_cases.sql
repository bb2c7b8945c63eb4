-- The counted uploads already holding some of the cases items $keys (a new upload's rows would take their place, the
-- latest row of an item counting), with how many of those items each holds.
SELECT u.upload_id, u.file_name, u.uploaded_at, u.uploaded_by, count(DISTINCT f.case_code) AS items_in_common
FROM stg_active_uploads a JOIN uploads u USING (upload_id) JOIN cases f USING (upload_id)
WHERE f.case_code IN (SELECT unnest($keys::VARCHAR[]))
GROUP BY ALL ORDER BY u.upload_id
