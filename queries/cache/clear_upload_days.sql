-- The per-upload item days (schema 021) emptied before they are rebuilt.
delete from metrics_upload_days
