-- The name under which metrics_month_scores (schema 075) holds the finished scores of the scoring $w_tasks,
-- $w_cases, $w_feedback, $min_volume (the scoring_key macro names it; a page run asks once per scoring).
select scoring_key($w_tasks, $w_cases, $w_feedback, $min_volume) as scoring
