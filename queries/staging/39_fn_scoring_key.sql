-- scoring_key(w_tasks, w_cases, w_feedback, min_volume): the name of a scoring (the settings' weights and minimum
-- volume, METRICS.md section 6) under which metrics_month_scores (schema 075) holds finished unit scores, e.g.
-- '40.0/40.0/20.0/10'. Made here only, from the same bound values the scoring macros take.
create or replace macro scoring_key(w_tasks, w_cases, w_feedback, min_volume) as
    concat_ws(
        '/',
        cast(cast(w_tasks as double) as varchar),
        cast(cast(w_cases as double) as varchar),
        cast(cast(w_feedback as double) as varchar),
        cast(cast(min_volume as bigint) as varchar)
    )
