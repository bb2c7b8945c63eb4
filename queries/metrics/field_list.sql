-- The fields (lĩnh vực) with items in [$from, $to], the values the $field filter of the other queries takes:
-- per field as stored ('Không rõ lĩnh vực' for items without one, and for Biểu 06 rows over all fields), the
-- number of tasks, cases and feedback items to be handled in the period and their sum. Largest first.
with
counted as (
    select
        kind,
        coalesce(field, 'Không rõ lĩnh vực') as field,
        new_online + new_offline + carried_over as items
    from kind_counts([$from], [$to], whole_month_list([$from], [$to]), true)
),
final as (
    select
        field,
        cast(coalesce(sum(items) filter (where kind = 'tasks'), 0) as bigint) as tasks_total,
        cast(coalesce(sum(items) filter (where kind = 'cases'), 0) as bigint) as cases_total,
        cast(coalesce(sum(items) filter (where kind = 'feedback'), 0) as bigint) as feedback_total,
        cast(sum(items) as bigint) as total
    from counted
    group by field
    having sum(items) > 0
    order by total desc, field collate vi
)
select * from final
