-- The narrow export's cases file (OVERSIGHT_LAKE_NARROW=1, `lake --narrow`): as lake/export_cases.sql without the
-- free text: the applicant (a citizen's name), the unit and the status as written.
copy (
    select
        upload_id, source_row, case_code, procedure_name, field, unit_id, channel, received, due, done, returned,
        status_code
    from cases
    where upload_id = $upload_id
        and coalesce(year(received), 0) = $year
        and coalesce(month(received), 0) = $month
    order by source_row
) to $path (format parquet)
