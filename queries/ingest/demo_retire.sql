-- The first real upload $id retires every demo upload still counted; which ones it retired.
UPDATE uploads SET demo_retired_at = current_timestamp, demo_retired_by = $id
WHERE origin = 'demo' AND state = 'active' AND demo_retired_at IS NULL
RETURNING upload_id
