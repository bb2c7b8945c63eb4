-- The lake's unit registries (oversight.lake.counts_over_lake), one file per province, as lake_units.
create or replace table lake_units as
select *
from read_parquet($files, union_by_name = true)
