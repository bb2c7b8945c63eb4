-- period_totals(froms, tos, units_mode, unit_group, unit, field_filter, whole_months): for every period
-- [froms[i], tos[i]] (period_no = i, with period_from and period_to), every count of METRICS.md sections 3-5 summed
-- over the displayed units (unit_display) of unit_group ('all' for every group), or of one displayed unit (unit,
-- else NULL), and every rate recomputed from the sums (NULL when its denominator is zero). A period without any
-- item has a row of zeros. field_filter and whole_months (the path, a bound constant) as in unit_counts.
create or replace macro period_totals(froms, tos, units_mode, unit_group, unit, field_filter, whole_months) as table
with
chosen_units as (
    select unit_id
    from units
    where (unit_group = 'all' or units.unit_group = unit_group) and (unit is null or units.unit_id = unit)
),
counted as (
    select counts.*
    from kind_counts(froms, tos, whole_month_list(froms, tos), field_filter is not null) as counts
    join unit_display(units_mode) as display using (unit_id)
    where not whole_months
        and display.display_unit_id in (select unit_id from chosen_units)
        and (field_filter is null or coalesce(counts.field, 'Không rõ lĩnh vực') = field_filter)
),
by_kind as (
    select period_no, kind, unnest(class_sums(counted))
    from counted
    group by period_no, kind
),
item_summed as (
    select period_no, unnest(kind_sums(by_kind))
    from by_kind
    group by period_no
),
month_summed as (
    select month_row.period_no, unnest(month_sums(month_row))
    from month_unit_rows(froms, tos, field_filter is not null, field_filter) as month_row
    join unit_display(units_mode) as display using (unit_id)
    where whole_months and display.display_unit_id in (select unit_id from chosen_units)
    group by month_row.period_no
),
summed as (
    select * from item_summed
    union all by name
    select * from month_summed
),
totals as (
    select
        periods.period_no,
        periods.period_from,
        periods.period_to,
        coalesce(columns(summed.* exclude (period_no)), 0)
    from period_list(froms, tos) as periods
    left join summed using (period_no)
),
final as (
    select
        *,
        unnest(case_rates(cases_total, cases_resolved_early, cases_resolved_on_time, cases_resolved_late,
            cases_pending_on_time, cases_pending_overdue)),
        unnest(task_rates(tasks_total, tasks_done_late, tasks_open_overdue, tasks_no_deadline)),
        unnest(feedback_rates(feedback_total, feedback_done_on_time, feedback_done_late, feedback_open_on_time,
            feedback_open_overdue, feedback_no_deadline, feedback_rated, feedback_satisfied))
    from totals
    order by period_no
)
select * from final
