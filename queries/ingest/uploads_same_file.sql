-- Every earlier upload of the file with SHA-256 $sha, newest first, with the state the history lists it under.
SELECT upload_id, file_name, uploaded_at, uploaded_by, replaced_by,
    CASE WHEN demo_retired_at IS NOT NULL THEN 'demo_retired' ELSE state END AS state
FROM uploads WHERE sha256 = $sha ORDER BY upload_id DESC
