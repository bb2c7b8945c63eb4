-- When the demo stopped counting (NULL: it is not retired).
SELECT min(demo_retired_at) FROM uploads WHERE origin = 'demo' AND state = 'active'
    AND demo_retired_at IS NOT NULL
