-- The upload history, newest first: a retired demo upload listed as 'demo_retired'; `source` where each came from,
-- from its details or, for an upload made before the source was recorded, from its audit row's actor.
SELECT upload_id AS id, file_name, kind, period_from, period_to, sha256, rows_read, rows_loaded,
    rows_rejected, warnings, CASE WHEN demo_retired_at IS NOT NULL THEN 'demo_retired' ELSE state END AS state,
    replaced_by, sheet_name, uploaded_by, uploaded_at,
    stored_path, origin = 'demo' AS demo, state = 'active' AND demo_retired_at IS NULL AS counted,
    demo_retired_at, demo_retired_by,
    coalesce(json_extract_string(u.details, '$.source'),
        (SELECT CASE WHEN min(a.actor) LIKE 'web:%' OR min(a.actor) LIKE 'sso:%' THEN 'web'
            WHEN min(a.actor) LIKE 'cli:%' THEN 'cli' WHEN min(a.actor) = 'inbox' THEN 'inbox' ELSE 'system' END
         FROM audit_log a WHERE a.action = 'upload' AND a.ok AND a.target = CAST(u.upload_id AS VARCHAR)
         HAVING count(*) > 0), 'system') AS source
FROM uploads u ORDER BY upload_id DESC
