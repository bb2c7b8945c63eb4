-- The lake's feedback (oversight.lake.counts_over_lake) as the table lake_feedback of an in-memory DuckDB: every Parquet file
-- $files names, with the Hive partition keys (province, kind, year, month) as text columns.
create or replace table lake_feedback as
select *
from read_parquet($files, hive_partitioning = true, hive_types_autocast = false, union_by_name = true)
