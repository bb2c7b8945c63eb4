-- feedback_counts(d_from, d_to, from_months, by_field): feedback per reported handling unit and field
-- (METRICS.md section 5).
-- feedback_total counts every item to be handled, items without deadline included (feedback_no_deadline);
-- satisfaction counts the items resolved in the period that carry a rating. Read from metrics_month_counts
-- (period_counts) when from_months (see case_counts, also for by_field), else classified from the items.
create or replace macro feedback_counts(d_from, d_to, from_months, by_field) as table
with
items as (
    select * from items_classified(d_from, d_to) where kind = 'feedback' and not from_months
),
classified_counts as (
    select
        unit_id,
        field,
        count(*) as feedback_total,
        count(*) filter (where outcome in ('resolved_early', 'resolved_on_time')) as feedback_done_on_time,
        count(*) filter (where outcome = 'resolved_late') as feedback_done_late,
        count(*) filter (where outcome = 'pending_on_time') as feedback_open_on_time,
        count(*) filter (where outcome = 'pending_overdue') as feedback_open_overdue,
        count(*) filter (where no_deadline) as feedback_no_deadline,
        count(*) filter (where is_resolved and rating is not null) as feedback_rated,
        count(*) filter (where is_resolved and rating = 'satisfied') as feedback_satisfied
    from items
    group by unit_id, field
),
from_month_rows as (
    select
        unit_id,
        field,
        new_online + new_offline + carried_over as feedback_total,
        resolved_early + resolved_on_time as feedback_done_on_time,
        resolved_late as feedback_done_late,
        pending_on_time as feedback_open_on_time,
        pending_overdue as feedback_open_overdue,
        no_deadline_resolved + no_deadline_pending as feedback_no_deadline,
        rated as feedback_rated,
        satisfied as feedback_satisfied
    from period_counts(d_from, d_to, by_field)
    where kind = 'feedback' and from_months
),
final as (
    select * from classified_counts
    union all
    select * from from_month_rows
)
select * from final
