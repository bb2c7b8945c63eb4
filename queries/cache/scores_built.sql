-- The months among [$month_from[i], $month_to[i]] with rows in metrics_month_scores (schema 075) under the scoring
-- of $w_tasks, $w_cases, $w_feedback, $min_volume (scoring_key).
with
final as (
    select distinct month_from, month_to
    from metrics_month_scores
    where scoring = scoring_key($w_tasks, $w_cases, $w_feedback, $min_volume)
        and (month_from, month_to) in (
            select (month_from, month_to)
            from (
                select unnest(cast($month_from as date[])) as month_from, unnest(cast($month_to as date[])) as month_to
            )
        )
)
select * from final
