-- The former names in use on $day (units renamed later): unit_id -> the name the unit had that day.
with
final as (
    select unit_id, name
    from unit_names
    where $day <= valid_to and (valid_from is null or valid_from <= $day)
)
select * from final
