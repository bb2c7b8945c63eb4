-- Note that the demo history is loading in the background: $value holds the months and the files it expects.
INSERT INTO settings (key, value, updated_by, updated_at) VALUES ('demo_history', $value, 'system', current_timestamp)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by,
    updated_at = excluded.updated_at
