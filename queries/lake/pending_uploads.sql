-- The uploads whose fact files are not yet recorded as written to the lake folder $lake_dir (lake_writes, schema
-- 074), newest first, with their loaded rows (the hook after an upload writes the newest and catches up older ones
-- within a row budget).
select upload_id, rows_loaded
from uploads
where upload_id not in (select upload_id from lake_writes where lake_dir = $lake_dir)
order by upload_id desc
