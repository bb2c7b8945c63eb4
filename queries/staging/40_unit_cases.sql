-- unit_cases(d_from, d_to, units_mode, from_months): the 13 TTHC columns and their rates per displayed unit.
-- from_months: the counts are read from metrics_month_counts (pass whole_months(d_from, d_to); see case_counts).
create or replace macro unit_cases(d_from, d_to, units_mode, from_months) as table
with
attributed as (
    select display.display_unit_id as unit_id, counts.* exclude (unit_id)
    from case_counts(d_from, d_to, from_months, false) as counts
    join unit_display(units_mode) as display using (unit_id)
),
summed as (
    select
        unit_id,
        string_agg(distinct source, ',' order by source) as cases_source,
        cast(sum(cases_total) as bigint) as cases_total,
        cast(sum(cases_new_online) as bigint) as cases_new_online,
        cast(sum(cases_new_offline) as bigint) as cases_new_offline,
        cast(sum(cases_carried_over) as bigint) as cases_carried_over,
        cast(sum(cases_resolved) as bigint) as cases_resolved,
        cast(sum(cases_resolved_early) as bigint) as cases_resolved_early,
        cast(sum(cases_resolved_on_time) as bigint) as cases_resolved_on_time,
        cast(sum(cases_resolved_late) as bigint) as cases_resolved_late,
        cast(sum(cases_pending) as bigint) as cases_pending,
        cast(sum(cases_pending_on_time) as bigint) as cases_pending_on_time,
        cast(sum(cases_pending_overdue) as bigint) as cases_pending_overdue,
        cast(sum(cases_no_deadline) as bigint) as cases_no_deadline
    from attributed
    group by unit_id
),
final as (
    select
        *,
        unnest(case_rates(cases_total, cases_resolved_early, cases_resolved_on_time, cases_resolved_late,
            cases_pending_on_time, cases_pending_overdue))
    from summed
)
select * from final
