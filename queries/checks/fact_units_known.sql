-- Fact rows (active uploads) whose unit_id is not in the registry: they would vanish from every per-unit
-- figure while still counting in no unit. Zero rows = pass.
with
fact_units as (
    select kind, upload_id, source_row, unit_id, unit_name from stg_items
    union all
    select 'case_stats', upload_id, source_row, unit_id, unit_name from stg_case_stats
),
final as (
    select fact_units.*
    from fact_units
    where unit_id not in (select unit_id from units)
    order by upload_id, source_row
)
select * from final
