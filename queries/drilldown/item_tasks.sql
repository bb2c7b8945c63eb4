-- One task as row $row of upload $upload holds it (every column the file gave), with its unit in the registry and
-- the upload it came from; nothing when its unit is outside the current principal's ($allowed, NULL = every unit).
with
final as (
    select
        t.unit_id,
        t.upload_id,
        t.source_row,
        t.item_key,
        t.doc_number,
        t.doc_date,
        t.content,
        t.assigned_by,
        t.unit_name as reported_unit_name,
        u.name as registry_unit_name,
        t.cooperating_units,
        t.field,
        t.received,
        t.due,
        t.due_original,
        t.due_text,
        t.done,
        t.status_text,
        t.status_code,
        t.note,
        up.file_name,
        up.sheet_name,
        up.uploaded_by,
        up.uploaded_at,
        up.state as upload_state,
        up.origin,
        up.demo_retired_at,
        up.period_from,
        up.period_to,
        up.replaced_by,
        json_extract_string(up.details, '$.source') as upload_source
    from tasks as t
    join uploads as up on up.upload_id = t.upload_id
    left join units as u on u.unit_id = t.unit_id
    where t.upload_id = $upload and t.source_row = $row
        and ($allowed is null or list_contains(cast($allowed as integer[]), t.unit_id))
)
select * from final
