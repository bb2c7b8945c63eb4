-- weighted_score(...): the discipline score (0-100) of one row from its components (score_components): the
-- weighted mean over the counting components, weights re-normalised over them (NULL with none), and
-- score_volume, the sum of their denominators; as a struct to unnest.
create or replace macro weighted_score(w_tasks, w_cases, w_feedback, tasks_component, cases_component,
    feedback_component, tasks_rated, cases_total, feedback_judged) as
    {
        'score': round(
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
        ),
        'score_volume': (case when tasks_component is not null then tasks_rated else 0 end)
            + (case when cases_component is not null then cases_total else 0 end)
            + (case when feedback_component is not null then feedback_judged else 0 end)
    }
