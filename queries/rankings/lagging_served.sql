-- lagging for a single month without Biểu 06 aggregates in it, every field (oversight.metrics chooses this file):
-- the same rows and columns, in the same order, read from the finished rows of metrics_month_scores (schema 075)
-- under the scoring of $w_tasks, $w_cases, $w_feedback, $min_volume. When those rows are not there it raises
-- 'metrics_month_scores: not built', and oversight.metrics builds them and asks again, or takes the lean path.
-- The rules (rankings/lagging.sql): units whose denominator for $metric reaches $min_volume (for 'score': the
-- units with a score), worst first by the rate, then the larger count of late / overdue items, then the name
-- (Vietnamese collation); lag_rank 1 = worst, equal rate and count share a rank; $limit rows at most.
-- The rule runs over the few columns it needs; only the $limit units it keeps are joined back to their whole rows
-- (planning and moving every column through each step cost more than the rule itself: ~38 → ~28 ms at 10 M).
with
checked as (
    -- the month there (a narrow scan of its own), and this file asked only for what it answers
    select
        case
            when count(*) > 0 and $field is null then true
            else error('metrics_month_scores: not built')
        end as ok
    from metrics_month_scores
    where scoring = scoring_key($w_tasks, $w_cases, $w_feedback, $min_volume)
        and units_mode = $units
        and month_from = $from
        and month_to = $to
),
month_rows as (
    -- read twice: the rule's few columns, then the kept units' whole rows
    select *
    from metrics_month_scores
    where scoring = scoring_key($w_tasks, $w_cases, $w_feedback, $min_volume)
        and units_mode = $units
        and month_from = $from
        and month_to = $to
        and ($group = 'all' or unit_group = $group)
),
measured as (
    select
        unit_id,
        name_order,
        case $metric
            when 'tasks_overdue_rate' then tasks_overdue_rate
            when 'cases_late_rate' then cases_late_rate
            when 'cases_on_time_rate' then cases_on_time_rate
            when 'cases_766_progress_ratio' then cases_766_progress_ratio
            when 'feedback_overdue_rate' then feedback_overdue_rate
            when 'feedback_766_on_time_ratio' then feedback_766_on_time_ratio
            when 'feedback_satisfaction_rate' then feedback_satisfaction_rate
            when 'score' then score
        end as metric_value,
        case
            when $metric like 'tasks%' then tasks_done_late + tasks_open_overdue
            when $metric like 'cases%' then cases_resolved_late + cases_pending_overdue
            when $metric = 'feedback_satisfaction_rate' then feedback_rated - feedback_satisfied
            when $metric like 'feedback%' then feedback_done_late + feedback_open_overdue
            else tasks_done_late + tasks_open_overdue + cases_resolved_late + cases_pending_overdue
                + feedback_done_late + feedback_open_overdue
        end as metric_count,
        case
            when $metric like 'tasks%' then tasks_rated
            when $metric like 'cases%' then cases_total
            when $metric = 'feedback_satisfaction_rate' then feedback_rated
            when $metric like 'feedback%' then feedback_judged
            else score_volume
        end as metric_volume,
        $metric in ('tasks_overdue_rate', 'cases_late_rate', 'feedback_overdue_rate') as higher_is_worse
    from checked
    join month_rows on checked.ok
),
ranked as (
    select
        *,
        rank() over (
            order by case when higher_is_worse then -metric_value else metric_value end, metric_count desc
        ) as lag_rank
    from measured
    where metric_value is not null and ($metric = 'score' or metric_volume >= $min_volume)
    order by lag_rank, name_order
    limit $limit
),
final as (
    select
        month_rows.* exclude (cutoff, month_from, month_to, units_mode, scoring, display_order, name_order),
        ranked.metric_value,
        ranked.metric_count,
        ranked.metric_volume,
        ranked.higher_is_worse,
        ranked.lag_rank
    from ranked
    join month_rows using (unit_id)
    order by ranked.lag_rank, ranked.name_order
)
select * from final
