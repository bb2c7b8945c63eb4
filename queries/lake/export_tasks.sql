-- One Parquet file of the lake (oversight.lake.export): the tasks rows of upload $upload_id placed in year $year,
-- month $month (the rule of lake/partitions.sql), written to $path, in the table's own columns.
copy (
    select *
    from tasks
    where upload_id = $upload_id
        and coalesce(year(coalesce(received, cast(doc_date as timestamp))), 0) = $year
        and coalesce(month(coalesce(received, cast(doc_date as timestamp))), 0) = $month
    order by source_row
) to $path (format parquet)
