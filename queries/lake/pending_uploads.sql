-- The uploads whose fact files are not yet recorded as written to the lake folder $lake_dir (lake_writes, schema
-- 074): the next write fills them in. Oldest first.
select upload_id
from uploads
where upload_id not in (select upload_id from lake_writes where lake_dir = $lake_dir)
order by upload_id
