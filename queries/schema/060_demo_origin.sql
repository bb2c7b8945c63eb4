-- 060: demo uploads are never counted with real data (METRICS.md section 7).
-- origin: 'demo' for the bundled demo province's uploads (oversight.bootstrap loads them), 'real' for every other.
-- demo_retired_at / demo_retired_by: when, and by which real upload, a demo upload stopped counting: the first real
-- upload committed retires every active demo upload in its own transaction. A retired demo upload keeps its state
-- ('active', so nothing else about it changes) but no staging view reads it; `uploads list` shows it as
-- 'demo_retired'. Only an admin brings the demo back, and only while no real upload is active.
ALTER TABLE uploads ADD COLUMN origin VARCHAR DEFAULT 'real';
ALTER TABLE uploads ADD COLUMN demo_retired_at TIMESTAMP;
ALTER TABLE uploads ADD COLUMN demo_retired_by INTEGER;

-- Backfill: the demo was loaded as the user 'demo' (oversight.bootstrap.DEMO_USER).
UPDATE uploads SET origin = CASE WHEN uploaded_by = 'demo' THEN 'demo' ELSE 'real' END;

-- A database that already holds real data beside the demo: the demo stops counting as of the first real upload
-- still active.
UPDATE uploads
SET
    demo_retired_at = (SELECT uploaded_at FROM uploads WHERE origin = 'real' AND state = 'active' ORDER BY upload_id LIMIT 1),
    demo_retired_by = (SELECT upload_id FROM uploads WHERE origin = 'real' AND state = 'active' ORDER BY upload_id LIMIT 1)
WHERE origin = 'demo'
    AND state = 'active'
    AND EXISTS (SELECT 1 FROM uploads WHERE origin = 'real' AND state = 'active');
