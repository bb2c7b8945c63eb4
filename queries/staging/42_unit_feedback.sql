-- unit_feedback(d_from, d_to, units_mode, from_months): feedback counts and rates per displayed handling unit.
-- from_months: the counts are read from metrics_month_counts (pass whole_months(d_from, d_to); see case_counts).
create or replace macro unit_feedback(d_from, d_to, units_mode, from_months) as table
with
summed as (
    select
        display.display_unit_id as unit_id,
        cast(sum(feedback_total) as bigint) as feedback_total,
        cast(sum(feedback_done_on_time) as bigint) as feedback_done_on_time,
        cast(sum(feedback_done_late) as bigint) as feedback_done_late,
        cast(sum(feedback_open_on_time) as bigint) as feedback_open_on_time,
        cast(sum(feedback_open_overdue) as bigint) as feedback_open_overdue,
        cast(sum(feedback_no_deadline) as bigint) as feedback_no_deadline,
        cast(sum(feedback_rated) as bigint) as feedback_rated,
        cast(sum(feedback_satisfied) as bigint) as feedback_satisfied
    from feedback_counts(d_from, d_to, from_months, false) as counts
    join unit_display(units_mode) as display using (unit_id)
    group by display.display_unit_id
),
final as (
    select
        *,
        unnest(feedback_rates(feedback_total, feedback_done_on_time, feedback_done_late, feedback_open_on_time,
            feedback_open_overdue, feedback_no_deadline, feedback_rated, feedback_satisfied))
    from summed
)
select * from final
