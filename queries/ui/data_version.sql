-- The data version the page caches are keyed by: the newest upload id, the uploads counted and the others.
SELECT coalesce(max(upload_id), 0), count(*) FILTER (WHERE state = 'active' AND demo_retired_at IS NULL),
    count(*) FILTER (WHERE state <> 'active' OR demo_retired_at IS NOT NULL)
FROM uploads
