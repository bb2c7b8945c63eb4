-- unit_score(...): the composite discipline score of one scorecard row (METRICS.md section 6, macro unit_scored
-- explains the rules), as a struct to unnest: tasks_rated, feedback_judged, the three components (NULL when not
-- counting), score (0-100, NULL without any counting component) and score_volume (the denominators behind it).
create or replace macro unit_score(w_tasks, w_cases, w_feedback, min_volume, tasks_total, tasks_no_deadline,
    tasks_overdue_rate, cases_total, cases_766_progress_ratio, feedback_total, feedback_no_deadline,
    feedback_766_on_time_ratio) as
    {
        'tasks_rated': tasks_total - tasks_no_deadline,
        'feedback_judged': feedback_total - feedback_no_deadline,
        'tasks_component': score_component(w_tasks, tasks_total - tasks_no_deadline, min_volume,
            1 - tasks_overdue_rate),
        'cases_component': score_component(w_cases, cases_total, min_volume, cases_766_progress_ratio),
        'feedback_component': score_component(w_feedback, feedback_total - feedback_no_deadline, min_volume,
            feedback_766_on_time_ratio),
        'score': round(
            100 * (
                coalesce(w_tasks * score_component(w_tasks, tasks_total - tasks_no_deadline, min_volume,
                    1 - tasks_overdue_rate), 0)
                + coalesce(w_cases * score_component(w_cases, cases_total, min_volume, cases_766_progress_ratio), 0)
                + coalesce(w_feedback * score_component(w_feedback, feedback_total - feedback_no_deadline,
                    min_volume, feedback_766_on_time_ratio), 0)
            ) / nullif(
                score_weight(w_tasks, tasks_total - tasks_no_deadline, min_volume, 1 - tasks_overdue_rate)
                + score_weight(w_cases, cases_total, min_volume, cases_766_progress_ratio)
                + score_weight(w_feedback, feedback_total - feedback_no_deadline, min_volume,
                    feedback_766_on_time_ratio),
                0
            ),
            9
        ),
        'score_volume': score_volume(w_tasks, tasks_total - tasks_no_deadline, min_volume, 1 - tasks_overdue_rate)
            + score_volume(w_cases, cases_total, min_volume, cases_766_progress_ratio)
            + score_volume(w_feedback, feedback_total - feedback_no_deadline, min_volume, feedback_766_on_time_ratio)
    }
