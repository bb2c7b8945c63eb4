-- lagging for a single month without Biểu 06 aggregates in it, every field (oversight.metrics chooses this file):
-- the same rows and columns, in the same order, read from the finished rows of metrics_month_scores (schema 075)
-- under the scoring of $w_tasks, $w_cases, $w_feedback, $min_volume. When those rows are not there it raises
-- 'metrics_month_scores: not built', and oversight.metrics builds them and asks again, or takes the lean path.
-- The rules (rankings/lagging.sql): units whose denominator for $metric reaches $min_volume (for 'score': the
-- units with a score), worst first by the rate, then the larger count of late / overdue items, then the name
-- (Vietnamese collation); lag_rank 1 = worst, equal rate and count share a rank; $limit rows at most.
with
checked as (
    -- the month there (a narrow scan, not a shared CTE: that one was materialized with every column), and this
    -- file asked only for what it answers
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
    select * exclude (cutoff, month_from, month_to, units_mode, scoring, display_order)
    from metrics_month_scores
    where scoring = scoring_key($w_tasks, $w_cases, $w_feedback, $min_volume)
        and units_mode = $units
        and month_from = $from
        and month_to = $to
        and ($group = 'all' or unit_group = $group)
),
scored as (
    select month_rows.*
    from checked
    join month_rows on checked.ok
),
measured as (
    select
        *,
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
    from scored
),
eligible as (
    select *
    from measured
    where metric_value is not null and ($metric = 'score' or metric_volume >= $min_volume)
),
ranked as (
    select
        *,
        rank() over (
            order by case when higher_is_worse then -metric_value else metric_value end, metric_count desc
        ) as lag_rank
    from eligible
),
limited as (
    select *
    from ranked
    order by lag_rank, name_order
    limit $limit
),
final as (
    select * exclude (name_order)
    from limited
    order by lag_rank, name_order
)
select * from final
