-- The rows of metrics_item_cache: stg_items as it stands, sorted by kind and scope_end so that a period's
-- scan reads only the row groups of items still open at its start.
insert into metrics_item_cache by name
with
final as (
    select * from stg_items order by kind, scope_end
)
select * from final
