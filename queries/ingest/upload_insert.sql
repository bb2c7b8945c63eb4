-- Record one committed upload (active) and return its id.
INSERT INTO uploads (kind, file_name, sha256, stored_path, sheet_name, period_from, period_to,
    uploaded_by, rows_read, rows_loaded, rows_rejected, warnings, state, details, origin)
VALUES ($kind, $file, $sha, $path, $sheet, $pfrom, $pto, $user, $read, $loaded, $rejected,
    $warnings, 'active', $details, $origin)
RETURNING upload_id
