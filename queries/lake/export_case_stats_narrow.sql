-- The narrow export's Biểu 06 file (OVERSIGHT_LAKE_NARROW=1, `lake --narrow`): as lake/export_case_stats.sql without
-- the unit as written (every export of the narrow lake leaves the names as written out; the unit is its id).
copy (
    select * exclude (unit_name)
    from case_stats
    where upload_id = $upload_id
        and coalesce(year(cast(period_from as timestamp)), 0) = $year
        and coalesce(month(cast(period_from as timestamp)), 0) = $month
    order by source_row
) to $path (format parquet)
