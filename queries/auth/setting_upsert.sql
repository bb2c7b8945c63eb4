-- Store one setting.
INSERT INTO app_settings (key, value, changed_at, changed_by) VALUES ($key, $value, $now, $changed_by)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at,
    changed_by = excluded.changed_by
