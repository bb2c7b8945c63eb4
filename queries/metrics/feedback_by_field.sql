-- Feedback per field for one displayed unit ($unit) or the whole province ($unit NULL).
with
attributed as (
    select counts.*
    from kind_counts([$from], [$to], whole_month_list([$from], [$to]), true) as counts
    join unit_display($units) as display using (unit_id)
    where counts.kind = 'feedback' and ($unit is null or display.display_unit_id = $unit)
),
summed as (
    select
        coalesce(field, 'Không rõ lĩnh vực') as field,
        cast(sum(new_online + new_offline + carried_over) as bigint) as feedback_total,
        cast(sum(resolved_early + resolved_on_time) as bigint) as feedback_done_on_time,
        cast(sum(resolved_late) as bigint) as feedback_done_late,
        cast(sum(pending_on_time) as bigint) as feedback_open_on_time,
        cast(sum(pending_overdue) as bigint) as feedback_open_overdue,
        cast(sum(no_deadline_resolved + no_deadline_pending) as bigint) as feedback_no_deadline,
        cast(sum(rated) as bigint) as feedback_rated,
        cast(sum(satisfied) as bigint) as feedback_satisfied
    from attributed
    group by 1
),
final as (
    select
        *,
        unnest(feedback_rates(feedback_total, feedback_done_on_time, feedback_done_late, feedback_open_on_time,
            feedback_open_overdue, feedback_no_deadline, feedback_rated, feedback_satisfied))
    from summed
    order by feedback_total desc, field collate vi
)
select * from final
