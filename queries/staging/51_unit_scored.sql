-- unit_scored(froms, tos, units_mode, field_filter, w_tasks, w_cases, w_feedback, min_volume): the scorecard of
-- every period [froms[i], tos[i]] (period_no = i) plus the composite discipline score (METRICS.md section 6),
-- 0-100, and its rank within the unit's group in that period.
--
-- Components: tasks 1 - overdue rate (denominator tasks with a deadline), cases the 766 progress ratio
-- (denominator cases_total), feedback the 766 on-time ratio (denominator feedback with a deadline).
-- A component counts only when its weight is positive and its denominator reaches min_volume: a handful
-- of items would swing the score by tens of points. The score is the weighted mean over the counting
-- components (weights re-normalised over them); with none, score and rank are NULL ("chưa đủ số liệu").
-- Rank: 1 = best score within the group; equal scores are ordered by the larger volume behind the score
-- (the sum of the counting denominators), and units equal on both share the rank (1, 2, 2, 4); the
-- name (Vietnamese collation) only orders units that share a rank.
create or replace macro unit_scored(froms, tos, units_mode, field_filter, w_tasks, w_cases, w_feedback, min_volume)
as table
with
components as (
    select
        *,
        tasks_total - tasks_no_deadline as tasks_rated,
        feedback_total - feedback_no_deadline as feedback_judged,
        case
            when w_tasks > 0 and tasks_total - tasks_no_deadline >= min_volume then 1 - tasks_overdue_rate
        end as tasks_component,
        case when w_cases > 0 and cases_total >= min_volume then cases_766_progress_ratio end as cases_component,
        case
            when w_feedback > 0 and feedback_total - feedback_no_deadline >= min_volume
                then feedback_766_on_time_ratio
        end as feedback_component
    from unit_scorecard(froms, tos, units_mode, field_filter)
),
scored as (
    select
        *,
        round(
            100 * (
                coalesce(w_tasks * tasks_component, 0)
                + coalesce(w_cases * cases_component, 0)
                + coalesce(w_feedback * feedback_component, 0)
            ) / nullif(
                (case when tasks_component is not null then w_tasks else 0 end)
                + (case when cases_component is not null then w_cases else 0 end)
                + (case when feedback_component is not null then w_feedback else 0 end),
                0
            ),
            9
        ) as score,
        (case when tasks_component is not null then tasks_rated else 0 end)
            + (case when cases_component is not null then cases_total else 0 end)
            + (case when feedback_component is not null then feedback_judged else 0 end) as score_volume
    from components
),
final as (
    select
        *,
        score is not null as ranked,
        case
            when score is not null
                then rank() over (
                    partition by period_no, unit_group, score is null order by score desc, score_volume desc
                )
        end as rank
    from scored
)
select * from final
