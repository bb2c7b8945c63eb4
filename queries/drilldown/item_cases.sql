-- One TTHC case as row $row of upload $upload holds it (every column the file gave), with its unit in the registry
-- and the upload it came from; nothing when its unit is outside the current principal's ($allowed, NULL = every unit).
with
final as (
    select
        c.unit_id,
        c.upload_id,
        c.source_row,
        c.case_code,
        c.procedure_name,
        c.field,
        c.unit_name as reported_unit_name,
        u.name as registry_unit_name,
        c.applicant,
        c.channel,
        c.received,
        c.due,
        c.done,
        c.returned,
        c.status_text,
        c.status_code,
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
    from cases as c
    join uploads as up on up.upload_id = c.upload_id
    left join units as u on u.unit_id = c.unit_id
    where c.upload_id = $upload and c.source_row = $row
        and ($allowed is null or list_contains(cast($allowed as integer[]), c.unit_id))
)
select * from final
