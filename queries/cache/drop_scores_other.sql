-- The rows of metrics_month_scores (schema 075) under another scoring than that of $w_tasks, $w_cases, $w_feedback,
-- $min_volume (scoring_key): one scoring is kept at a time (the settings' weights change seldom).
delete from metrics_month_scores
where scoring <> scoring_key($w_tasks, $w_cases, $w_feedback, $min_volume)
