-- Record one committed upload (active) under the upload id $id chosen by the caller (the demo's staged first start
-- gives each demo file the id the all-at-once load gives it) and return that id.
INSERT INTO uploads (upload_id, kind, file_name, sha256, stored_path, sheet_name, period_from, period_to,
    uploaded_by, rows_read, rows_loaded, rows_rejected, warnings, state, details, origin)
VALUES ($id, $kind, $file, $sha, $path, $sheet, $pfrom, $pto, $user, $read, $loaded, $rejected,
    $warnings, 'active', $details, $origin)
RETURNING upload_id
