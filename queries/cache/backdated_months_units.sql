-- The months (cut-off, start) holding a backdated span row of metrics_month_units (schema 022) of the units
-- $units: run before and after an incremental refresh rebuilds those rows, the finished figures of those months
-- (schema 075) are rebuilt too.
with
final as (
    select distinct cutoff, month_from
    from metrics_month_units
    where backdated and unit_id in (select unnest(cast($units as integer[])))
)
select * from final
