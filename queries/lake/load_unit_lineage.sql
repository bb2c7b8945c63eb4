-- The lake's unit lineages (oversight.lake.counts_over_lake), one file per province, as lake_unit_lineage.
create or replace table lake_unit_lineage as
select *
from read_parquet($files, union_by_name = true)
