-- The month rows of metrics_month_counts (schema 021) of the (month, unit) pairs
-- ([$month_from[i], $month_to[i]], $unit_id[i]) an incremental refresh rebuilds, removed first.
delete from metrics_month_counts
where not backdated
    and (month_from, month_to, unit_id) in (
        select (month_from, month_to, unit_id)
        from (
            select
                unnest(cast($month_from as date[])) as month_from,
                unnest(cast($month_to as date[])) as month_to,
                unnest(cast($unit_id as integer[])) as unit_id
        )
    )
