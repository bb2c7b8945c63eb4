-- Among active uploads: the real ones, the demo ones still counted and the demo ones retired.
SELECT count(*) FILTER (WHERE origin <> 'demo'),
    count(*) FILTER (WHERE origin = 'demo' AND demo_retired_at IS NULL),
    count(*) FILTER (WHERE origin = 'demo' AND demo_retired_at IS NOT NULL)
FROM uploads WHERE state = 'active'
