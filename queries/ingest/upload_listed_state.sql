-- The state the history lists upload $id under (a retired demo upload: 'demo_retired'); no row: no such upload.
SELECT CASE WHEN demo_retired_at IS NOT NULL THEN 'demo_retired' ELSE state END FROM uploads WHERE upload_id = $id
