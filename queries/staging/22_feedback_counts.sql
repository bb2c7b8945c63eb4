-- feedback_counts(d_from, d_to): feedback per reported handling unit and field (METRICS.md section 5).
-- feedback_total counts every item to be handled, items without deadline included (feedback_no_deadline);
-- satisfaction counts the items resolved in the period that carry a rating.
create or replace macro feedback_counts(d_from, d_to) as table
with
items as (
    select * from items_classified(d_from, d_to) where kind = 'feedback'
),
final as (
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
)
select * from final
