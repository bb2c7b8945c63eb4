-- The cases rows of the items an incremental refresh of the metrics caches rebuilds (metrics_cache_dirty, schema
-- 072; oversight.metrics_cache), read through stg_items_of by queries/cache/fill_items_dirty.sql. Empty outside it.
create or replace view stg_dirty_cases as
with
dirty as (
    select item_key from metrics_cache_dirty where kind = 'cases'
),
final as (
    select cases.*
    from cases
    semi join dirty on dirty.item_key = cases.case_code
)
select * from final
