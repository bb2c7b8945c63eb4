-- Province totals for [$from, $to] (period_no 1) and the previous comparable period [$prev_from, $prev_to]
-- (period_no 2), in one pass: every count summed over all units, rates recomputed from the sums.
-- $field: only the items of that field (lĩnh vực, as stored; 'Không rõ lĩnh vực' = none), NULL = every field.
with
final as (
    select * from period_totals([$from, $prev_from], [$to, $prev_to], 'reported', 'all', null, $field)
)
select * from final
