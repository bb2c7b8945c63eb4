-- The newest counted upload (no row: nothing counts), with who loaded it and when (stored UTC).
select u.upload_id, u.file_name, u.kind, u.uploaded_at, u.uploaded_by, u.origin
from stg_active_uploads a
join uploads u using (upload_id)
order by u.uploaded_at desc, u.upload_id desc
limit 1
