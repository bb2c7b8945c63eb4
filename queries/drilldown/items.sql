-- Any list behind a count: the items of kind $kind ('tasks', 'cases', 'feedback') whose outcome is one of
-- $outcomes (resolved_early, resolved_on_time, resolved_late, resolved_no_deadline, pending_on_time,
-- pending_overdue, pending_no_deadline), for one displayed unit ($unit) or every unit of $group.
with
items as (
    select *
    from items_classified($from, $to)
    where kind = $kind and list_contains(cast($outcomes as varchar[]), outcome)
        -- one field (lĩnh vực) only, as stored ('Không rõ lĩnh vực' = none); NULL = every field
        and ($field is null or coalesce(field, 'Không rõ lĩnh vực') = $field)
),
attributed as (
    select display.display_unit_id, items.*
    from items
    join unit_display($units) as display using (unit_id)
    where ($unit is null or display.display_unit_id = $unit)
        -- the units the current principal may see (bound by run_query, NULL = every unit)
        and ($allowed is null or list_contains(cast($allowed as integer[]), display.display_unit_id))
),
final as (
    select
        shown.unit_id,
        shown.name as unit_name,
        shown.unit_group,
        attributed.unit_name as reported_unit_name,
        attributed.item_code,
        attributed.title,
        attributed.field,
        attributed.channel,
        attributed.received_at,
        attributed.due_at,
        attributed.done_at,
        attributed.status_text,
        attributed.outcome,
        attributed.is_new,
        attributed.is_carried_over,
        attributed.no_deadline,
        attributed.days_overdue,
        attributed.upload_id,
        attributed.source_row
    from attributed
    join units as shown on shown.unit_id = attributed.display_unit_id
    where $group = 'all' or shown.unit_group = $group
    order by attributed.received_at, attributed.item_code
)
select * from final
