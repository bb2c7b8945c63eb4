-- unit_ranking for a single month whose previous period is a single month too, both without Biểu 06 aggregates in
-- them, every field (oversight.metrics chooses this file): the same rows and columns, in the same order, read from
-- the finished rows of metrics_month_scores (schema 075) under the scoring of $w_tasks, $w_cases, $w_feedback,
-- $min_volume. When those rows are not there (not built yet, or dropped by a refresh meanwhile) it raises
-- 'metrics_month_scores: not built', and oversight.metrics builds them and asks again, or takes the lean path.
with
checked as (
    -- both months there (a narrow scan, not a shared CTE: that one was materialized with every column), and this
    -- file asked only for what it answers
    select
        case
            when count(distinct month_from) = 2 and $field is null then true
            else error('metrics_month_scores: not built')
        end as ok
    from metrics_month_scores
    where scoring = scoring_key($w_tasks, $w_cases, $w_feedback, $min_volume)
        and units_mode = $units
        and ((month_from = $from and month_to = $to) or (month_from = $prev_from and month_to = $prev_to))
),
current_period as (
    select * exclude (cutoff, month_from, month_to, units_mode, scoring, name_order)
    from metrics_month_scores
    where scoring = scoring_key($w_tasks, $w_cases, $w_feedback, $min_volume)
        and units_mode = $units
        and month_from = $from
        and month_to = $to
        and ($group = 'all' or unit_group = $group)
),
previous_period as (
    select unit_id, rank as prev_rank, score as prev_score
    from metrics_month_scores
    where scoring = scoring_key($w_tasks, $w_cases, $w_feedback, $min_volume)
        and units_mode = $units
        and month_from = $prev_from
        and month_to = $prev_to
),
final as (
    select
        current_period.* exclude (display_order),
        band_of(current_period.score, $band_names, $band_mins, $lowest_band) as band,
        previous_period.prev_rank,
        previous_period.prev_score,
        previous_period.prev_rank - current_period.rank as movement
    from checked
    join current_period on checked.ok
    left join previous_period using (unit_id)
    order by current_period.display_order
)
select * from final
