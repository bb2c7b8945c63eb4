-- field_list for a period of whole months without Biểu 06 aggregates in it (oversight.metrics chooses this file;
-- the same rows, from the per-field rows of metrics_month_units). The fields (lĩnh vực) with items in
-- [$from, $to]: per field as stored ('Không rõ lĩnh vực' for items without one), the number of tasks, cases and
-- feedback items to be handled in the period and their sum. Largest first.
with
counted as (
    select
        coalesce(field, 'Không rõ lĩnh vực') as field,
        tasks_new + tasks_carried_over as tasks_items,
        cases_new_online + cases_new_offline + cases_carried_over as cases_items,
        feedback_new + feedback_carried_over as feedback_items
    from month_unit_rows([$from], [$to], true, null)
),
final as (
    select
        field,
        cast(sum(tasks_items) as bigint) as tasks_total,
        cast(sum(cases_items) as bigint) as cases_total,
        cast(sum(feedback_items) as bigint) as feedback_total,
        cast(sum(tasks_items + cases_items + feedback_items) as bigint) as total
    from counted
    group by field
    having sum(tasks_items + cases_items + feedback_items) > 0
    order by total desc, field collate vi
)
select * from final
