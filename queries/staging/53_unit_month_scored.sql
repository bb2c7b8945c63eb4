-- unit_month_scored(froms, tos, units_mode, field_filter, w_tasks, w_cases, w_feedback, min_volume): unit_scored
-- (the discipline score and its rank, same rules, same columns) over unit_month_scorecard, for periods of whole
-- months without Biểu 06 aggregates in them (oversight.metrics chooses this path).
create or replace macro unit_month_scored(froms, tos, units_mode, field_filter, w_tasks, w_cases, w_feedback, min_volume)
as table
with
components as (
    select
        *,
        unnest(score_components(w_tasks, w_cases, w_feedback, min_volume, tasks_total, tasks_no_deadline,
            tasks_overdue_rate, cases_total, cases_766_progress_ratio, feedback_total, feedback_no_deadline,
            feedback_766_on_time_ratio))
    from unit_month_scorecard(froms, tos, units_mode, field_filter)
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
