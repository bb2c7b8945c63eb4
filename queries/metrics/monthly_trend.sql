-- Monthly trend: for each month [$month_from[i], $month_to[i]] (the caller builds them with the cut-off
-- setting), the counts and rates summed over the displayed units of $group, or of one unit ($unit), in one
-- pass over the months.
-- $field: only the items of that field (lĩnh vực, as stored; 'Không rõ lĩnh vực' = none), NULL = every field.
with
final as (
    select * exclude (period_no) rename (period_from as month_from, period_to as month_to)
    from period_totals($month_from, $month_to, $units, $group, $unit, $field)
)
select * from final
