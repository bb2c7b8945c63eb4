-- The narrow export's feedback file (OVERSIGHT_LAKE_NARROW=1, `lake --narrow`): as lake/export_feedback.sql without
-- the free text: the citizen's content, the place (area) it is about, the unit and the status as written.
copy (
    select
        upload_id, source_row, feedback_code, received, channel, field, category, unit_id, due, done, status_code,
        rating
    from feedback
    where upload_id = $upload_id
        and coalesce(year(received), 0) = $year
        and coalesce(month(received), 0) = $month
    order by source_row
) to $path (format parquet)
