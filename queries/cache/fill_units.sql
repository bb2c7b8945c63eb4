-- The rows of metrics_unit_cache: each unit and the unit it is today (stg_unit_today).
insert into metrics_unit_cache by name
with
final as (
    select unit_id, today_unit_id from stg_unit_today
)
select * from final
