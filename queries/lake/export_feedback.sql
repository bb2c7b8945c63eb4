-- One Parquet file of the lake (oversight.lake.export): the feedback rows of upload $upload_id placed in year $year,
-- month $month (the rule of lake/partitions.sql), written to $path, in the table's own columns.
copy (
    select *
    from feedback
    where upload_id = $upload_id
        and coalesce(year(received), 0) = $year
        and coalesce(month(received), 0) = $month
    order by source_row
) to $path (format parquet)
