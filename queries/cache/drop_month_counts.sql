-- The month rows of metrics_month_counts (schema 021) of the months [$month_from[i], $month_to[i]] an incremental refresh
-- drops (no longer in the months a full rebuild would build).
delete from metrics_month_counts
where not backdated
    and (month_from, month_to) in (
        select (month_from, month_to)
        from (select unnest(cast($month_from as date[])) as month_from, unnest(cast($month_to as date[])) as month_to)
    )
