-- The fields (lĩnh vực) with items in [$from, $to], the values the $field filter of the other queries takes:
-- per field as stored ('Không rõ lĩnh vực' for items without one, and for Biểu 06 rows over all fields), the
-- number of tasks, cases and feedback items to be handled in the period and their sum. Largest first.
-- $whole_months: the period is whole months without Biểu 06 aggregates in it, so the counts come from the per-field
-- rows of metrics_month_units (oversight.metrics says so; the same rows); else from kind_counts.
with
item_counted as (
    select
        coalesce(field, 'Không rõ lĩnh vực') as field,
        case when kind = 'tasks' then new_online + new_offline + carried_over else 0 end as tasks_items,
        case when kind = 'cases' then new_online + new_offline + carried_over else 0 end as cases_items,
        case when kind = 'feedback' then new_online + new_offline + carried_over else 0 end as feedback_items
    from kind_counts([$from], [$to], whole_month_list([$from], [$to]), true)
    where not $whole_months
),
month_counted as (
    select
        coalesce(field, 'Không rõ lĩnh vực') as field,
        tasks_new + tasks_carried_over as tasks_items,
        cases_new_online + cases_new_offline + cases_carried_over as cases_items,
        feedback_new + feedback_carried_over as feedback_items
    from month_unit_rows([$from], [$to], true, null)
    where $whole_months
),
counted as (
    select * from item_counted
    union all
    select * from month_counted
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
