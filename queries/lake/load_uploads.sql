-- The lake's manifests of uploads (oversight.lake.counts_over_lake), one file per province, as lake_uploads.
create or replace table lake_uploads as
select *
from read_parquet($files, union_by_name = true)
