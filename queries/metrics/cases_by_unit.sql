-- TTHC cases per unit: the 13 Biểu 06 columns and their rates, for units with cases in [$from, $to].
-- $field: only the items of that field (lĩnh vực, as stored; 'Không rõ lĩnh vực' = none), NULL = every field.
with
counts as (
    select * from unit_counts([$from], [$to], $units, $field) where has_cases
),
final as (
    select
        units.name as unit_name,
        units.code as unit_code,
        units.unit_group,
        counts.unit_id,
        counts.cases_source,
        counts.cases_total,
        counts.cases_new_online,
        counts.cases_new_offline,
        counts.cases_carried_over,
        counts.cases_resolved,
        counts.cases_resolved_early,
        counts.cases_resolved_on_time,
        counts.cases_resolved_late,
        counts.cases_pending,
        counts.cases_pending_on_time,
        counts.cases_pending_overdue,
        counts.cases_no_deadline,
        counts.cases_late_rate,
        counts.cases_on_time_rate,
        counts.cases_766_progress_ratio,
        counts.cases_766_progress_score
    from counts
    join units using (unit_id)
    where $group = 'all' or units.unit_group = $group
    order by units.unit_group, units.name collate vi
)
select * from final
