-- Record that the fact files of uploads $ids are in the lake folder $lake_dir (written now, or already there).
insert into lake_writes (lake_dir, upload_id, written_at)
select cast($lake_dir as varchar), id, current_timestamp
from (select unnest(cast($ids as integer[])) as id) as ids
where id not in (select upload_id from lake_writes where lake_dir = $lake_dir)
