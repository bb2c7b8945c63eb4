-- The tasks not finished at the end of [$from, $to] (outcome pending_on_time, pending_overdue, pending_no_deadline),
-- by lead unit (đơn vị chủ trì, shown under $units), for the monthly report (oversight/monthly_report.py): the
-- same classification (items_classified) as the counts, so tasks_open_* of a unit and its rows here agree.
with
items as (
    select *
    from items_classified($from, $to)
    where kind = 'tasks' and outcome in ('pending_on_time', 'pending_overdue', 'pending_no_deadline')
),
attributed as (
    select display.display_unit_id, items.*
    from items
    join unit_display($units) as display using (unit_id)
    -- the units the current principal may see (bound by run_query, NULL = every unit)
    where $allowed is null or list_contains(cast($allowed as integer[]), display.display_unit_id)
),
final as (
    select
        shown.unit_id,
        shown.name as unit_name,
        shown.unit_group,
        attributed.item_code as doc_number,
        attributed.doc_date,
        attributed.title as content,
        attributed.received_at,
        attributed.due_at,
        attributed.status_text,
        attributed.outcome,
        attributed.days_overdue
    from attributed
    join units as shown on shown.unit_id = attributed.display_unit_id
    order by shown.unit_id, attributed.days_overdue desc nulls last, attributed.due_at, attributed.item_code
)
select * from final
