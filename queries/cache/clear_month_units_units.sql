-- The rows of metrics_month_units (schema 022) an incremental refresh rebuilds, removed first: the month rows of
-- the (month, unit) pairs ([$month_from[i], $month_to[i]], $unit_id[i]) and every backdated row of the units $units.
delete from metrics_month_units
where (backdated and unit_id in (select unnest(cast($units as integer[]))))
    or (
        not backdated
        and (month_from, month_to, unit_id) in (
            select (month_from, month_to, unit_id)
            from (
                select
                    unnest(cast($month_from as date[])) as month_from,
                    unnest(cast($month_to as date[])) as month_to,
                    unnest(cast($unit_id as integer[])) as unit_id
            )
        )
    )
