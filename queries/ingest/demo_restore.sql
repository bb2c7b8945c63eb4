-- Count the retired demo uploads again; which ones.
UPDATE uploads SET demo_retired_at = NULL, demo_retired_by = NULL
WHERE origin = 'demo' AND state = 'active' AND demo_retired_at IS NOT NULL
RETURNING upload_id
