-- One feedback item (phản ánh, kiến nghị) as row $row of upload $upload holds it (every column the file gave), with
-- its unit in the registry and the upload it came from; nothing when its unit is outside the current principal's
-- ($allowed, NULL = every unit).
with
final as (
    select
        f.unit_id,
        f.upload_id,
        f.source_row,
        f.feedback_code,
        f.content,
        f.category,
        f.field,
        f.area,
        f.channel,
        f.unit_name as reported_unit_name,
        u.name as registry_unit_name,
        f.received,
        f.due,
        f.done,
        f.status_text,
        f.status_code,
        f.rating,
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
    from feedback as f
    join uploads as up on up.upload_id = f.upload_id
    left join units as u on u.unit_id = f.unit_id
    where f.upload_id = $upload and f.source_row = $row
        and ($allowed is null or list_contains(cast($allowed as integer[]), f.unit_id))
)
select * from final
