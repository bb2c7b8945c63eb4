-- The item days (metrics_upload_days, schema 021) of the uploads $ids removed before they are rebuilt.
delete from metrics_upload_days
where upload_id in (select unnest(cast($ids as integer[])))
