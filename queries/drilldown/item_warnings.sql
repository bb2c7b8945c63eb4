-- The data-quality warnings ingestion recorded for row $row of upload $upload (an item of kind $kind): the column,
-- the value read and the reason. Nothing when the item's unit is outside the current principal's ($allowed, NULL =
-- every unit).
with
item as (
    select unit_id from tasks where $kind = 'tasks' and upload_id = $upload and source_row = $row
    union all
    select unit_id from cases where $kind = 'cases' and upload_id = $upload and source_row = $row
    union all
    select unit_id from feedback where $kind = 'feedback' and upload_id = $upload and source_row = $row
),
final as (
    select item.unit_id, rejects.sheet, rejects.column_name, rejects.value, rejects.reason
    from upload_rejects as rejects
    cross join item
    where rejects.upload_id = $upload and rejects.source_row = $row and rejects.severity = 'warning'
        and ($allowed is null or list_contains(cast($allowed as integer[]), item.unit_id))
    order by rejects.column_name, rejects.reason
)
select * from final
