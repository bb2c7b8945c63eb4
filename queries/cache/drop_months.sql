-- The months [$month_from[i], $month_to[i]] an incremental refresh drops, removed from the list of built months
-- (metrics_cache_months, schema 021).
delete from metrics_cache_months
where (month_from, month_to) in (
    select (month_from, month_to)
    from (select unnest(cast($month_from as date[])) as month_from, unnest(cast($month_to as date[])) as month_to)
)
