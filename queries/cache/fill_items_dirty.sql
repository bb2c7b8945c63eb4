-- The rows of metrics_item_cache of the marked items (metrics_cache_dirty, schema 072): stg_items over their rows
-- only (the stg_dirty_* views), the latest row of each among the active uploads, as fill_items builds them all.
insert into metrics_item_cache by name
with
final as (
    select *
    from stg_items_of('stg_dirty_tasks', 'stg_dirty_cases', 'stg_dirty_feedback')
    order by kind, scope_end
)
select * from final
