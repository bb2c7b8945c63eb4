-- unit_display(units_mode): the unit each reported unit is shown under: itself ('reported', the default)
-- or today's unit along the lineage ('today'); reads metrics_unit_cache, the materialised stg_unit_today.
create or replace macro unit_display(units_mode) as table
with
final as (
    select
        unit_id,
        case when units_mode = 'today' then today_unit_id else unit_id end as display_unit_id
    from metrics_unit_cache
)
select * from final
