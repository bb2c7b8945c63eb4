-- The lagging units for one metric ($metric), worst first: units whose denominator for that metric reaches
-- $min_volume (for 'score': the units with a score), ordered by the rate (higher first for the late and
-- overdue rates, lower first for on-time ratios, satisfaction and the score), then by the larger count of
-- late / overdue items, then by name (Vietnamese collation; then the unit id, for two units of one name).
-- lag_rank: 1 = worst; equal rate and count share a rank (1, 2, 2, 4). $limit rows at most.
-- $field: only the items of that field (lĩnh vực, as stored; 'Không rõ lĩnh vực' = none), NULL = every field.
with
scored as (
    select * exclude (period_no)
    from unit_scored([$from], [$to], $units, $field, $w_tasks, $w_cases, $w_feedback, $min_volume)
    where $group = 'all' or unit_group = $group
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
final as (
    select *
    from ranked
    order by lag_rank, unit_name collate vi, unit_id
    limit $limit
)
select * from final
