-- The feedback behind feedback_done_late + feedback_open_overdue,
-- for one displayed unit ($unit) or every unit of $group ($unit NULL), from the same classification
-- (items_classified) as the counts, so a count and its list never disagree. Worst first.
with
items as (
    select *
    from items_classified($from, $to)
    where kind = 'feedback' and outcome in ('resolved_late', 'pending_overdue')
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
        attributed.item_code as feedback_code,
        title as content, channel,
        attributed.field,
        attributed.received_at,
        attributed.due_at,
        attributed.done_at,
        attributed.status_text,
        attributed.outcome,
        case attributed.outcome
            when 'resolved_late' then 'Hoàn thành quá hạn'
            else 'Chưa hoàn thành, quá hạn'
        end as outcome_label,
        attributed.is_carried_over,
        attributed.days_overdue,
        attributed.upload_id,
        attributed.source_row
    from attributed
    join units as shown on shown.unit_id = attributed.display_unit_id
    where $group = 'all' or shown.unit_group = $group
    order by attributed.days_overdue desc nulls last, attributed.due_at, attributed.item_code
)
select * from final
