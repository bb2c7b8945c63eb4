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
-- unit_month_scored is the same over unit_month_scorecard (whole months, no Biểu 06 aggregates).
create or replace macro unit_scored(froms, tos, units_mode, field_filter, w_tasks, w_cases, w_feedback, min_volume)
as table
with
components as (
    select
        *,
        unnest(score_components(w_tasks, w_cases, w_feedback, min_volume, tasks_total, tasks_no_deadline,
            tasks_overdue_rate, cases_total, cases_766_progress_ratio, feedback_total, feedback_no_deadline,
            feedback_766_on_time_ratio))
    from unit_scorecard(froms, tos, units_mode, field_filter)
),
scored as (
    select
        *,
        unnest(weighted_score(w_tasks, w_cases, w_feedback, tasks_component, cases_component, feedback_component,
            tasks_rated, cases_total, feedback_judged))
    from components
),
ranks as (
    -- over a narrow projection: the window operator carries every column it is given
    select
        period_no,
        unit_id,
        rank() over (partition by period_no, unit_group order by score desc, score_volume desc) as rank
    from scored
    where score is not null
),
final as (
    select scored.*, scored.score is not null as ranked, ranks.rank
    from scored
    left join ranks using (period_no, unit_id)
)
select * from final
