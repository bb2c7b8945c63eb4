-- score_components(...): the components of the discipline score of one scorecard row (METRICS.md section 6; macro
-- unit_scored explains the rules), as a struct to unnest: tasks_rated and feedback_judged (the tasks and feedback
-- items with a deadline) and each component, NULL when it does not count (weight not positive, or denominator
-- below min_volume). weighted_score combines them.
create or replace macro score_components(w_tasks, w_cases, w_feedback, min_volume, tasks_total, tasks_no_deadline,
    tasks_overdue_rate, cases_total, cases_766_progress_ratio, feedback_total, feedback_no_deadline,
    feedback_766_on_time_ratio) as
    {
        'tasks_rated': tasks_total - tasks_no_deadline,
        'feedback_judged': feedback_total - feedback_no_deadline,
        'tasks_component': case
            when w_tasks > 0 and tasks_total - tasks_no_deadline >= min_volume then 1 - tasks_overdue_rate
        end,
        'cases_component': case when w_cases > 0 and cases_total >= min_volume then cases_766_progress_ratio end,
        'feedback_component': case
            when w_feedback > 0 and feedback_total - feedback_no_deadline >= min_volume
                then feedback_766_on_time_ratio
        end
    }
