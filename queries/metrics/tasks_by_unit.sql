-- Tasks per lead unit: the four official classes, no deadline, due soon and the overdue rate.
with
counts as (
    select * from unit_tasks($from, $to, $units, whole_months($from, $to))
),
final as (
    select units.name as unit_name, units.code as unit_code, units.unit_group, counts.*
    from counts
    join units using (unit_id)
    where $group = 'all' or units.unit_group = $group
    order by units.unit_group, units.name collate vi
)
select * from final
