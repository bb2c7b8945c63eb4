-- The most improved units of a single month against the month before, both without Biểu 06 aggregates in them,
-- every field (oversight.metrics.most_improved chooses this file; for any other period it filters unit_metrics):
-- the units ranked in [$from, $to] whose rank in their group rose since [$prev_from, $prev_to] (movement =
-- prev_rank - rank > 0), most improved first, then the higher score, then the ranking's order; $limit rows at most.
-- Read from the finished rows of metrics_month_scores (schema 075) under the scoring of $w_tasks, $w_cases,
-- $w_feedback, $min_volume, only the columns the overview shows: the same rows and values as unit_ranking's. When
-- those rows are not there it raises 'metrics_month_scores: not built', and oversight.metrics builds them and asks
-- again, or filters unit_metrics.
with
checked as (
    -- both months there, and this file asked only for what it answers
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
    select unit_id, unit_name, unit_group, score, rank, display_order
    from metrics_month_scores
    where scoring = scoring_key($w_tasks, $w_cases, $w_feedback, $min_volume)
        and units_mode = $units
        and month_from = $from
        and month_to = $to
        and ($group = 'all' or unit_group = $group)
        and ranked
),
previous_period as (
    select unit_id, rank as prev_rank
    from metrics_month_scores
    where scoring = scoring_key($w_tasks, $w_cases, $w_feedback, $min_volume)
        and units_mode = $units
        and month_from = $prev_from
        and month_to = $prev_to
),
moved as (
    select
        current_period.*,
        previous_period.prev_rank,
        previous_period.prev_rank - current_period.rank as movement
    from checked
    join current_period on checked.ok
    join previous_period using (unit_id)
),
final as (
    select
        unit_id,
        unit_name,
        unit_group,
        score,
        band_of(score, $band_names, $band_mins, $lowest_band) as band,
        rank,
        prev_rank,
        movement
    from moved
    where movement > 0
    order by movement desc, score desc, display_order
    limit $limit
)
select * from final
