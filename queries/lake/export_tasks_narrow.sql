-- The narrow export's tasks file (OVERSIGHT_LAKE_NARROW=1, `lake --narrow`): as lake/export_tasks.sql without the
-- free text (the task's content, who assigned it, the cooperating units and the unit as written, the deadline and
-- status as written, the note); the item key, which holds the task's text, becomes its MD5 hash (still one key per
-- item: the latest upload still wins per item, and the classification counts the same).
copy (
    select
        upload_id, source_row, md5(item_key) as item_key, doc_number, doc_date, unit_id, field, received, due,
        due_original, done, status_code
    from tasks
    where upload_id = $upload_id
        and coalesce(year(coalesce(received, cast(doc_date as timestamp))), 0) = $year
        and coalesce(month(coalesce(received, cast(doc_date as timestamp))), 0) = $month
    order by source_row
) to $path (format parquet)
