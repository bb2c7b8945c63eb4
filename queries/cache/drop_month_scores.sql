-- The rows of metrics_month_scores (schema 075) of the months [$month_from[i], $month_to[i]], under every scoring:
-- before they are rebuilt (an incremental refresh touched them, or another scoring is asked for) or dropped (no
-- longer in the months a full rebuild builds).
delete from metrics_month_scores
where (month_from, month_to) in (
    select (month_from, month_to)
    from (select unnest(cast($month_from as date[])) as month_from, unnest(cast($month_to as date[])) as month_to)
)
