-- One Parquet file of the lake (oversight.lake.export): the case_stats rows of upload $upload_id placed in year $year,
-- month $month (the rule of lake/partitions.sql), written to $path, in the table's own columns.
copy (
    select *
    from case_stats
    where upload_id = $upload_id
        and coalesce(year(cast(period_from as timestamp)), 0) = $year
        and coalesce(month(cast(period_from as timestamp)), 0) = $month
    order by source_row
) to $path (format parquet)
