-- The first and last day with loaded data (active uploads): reception, deadline and completion dates of
-- items, and the periods of aggregate Biểu 06 rows.
with
item_days as (
    select cast(received_at as date) as day from metrics_item_cache
    union all
    select cast(done_at as date) from metrics_item_cache
),
stat_days as (
    select period_from as day from stg_case_stats
    union all
    select period_to from stg_case_stats
),
final as (
    select min(day) as min_date, max(day) as max_date
    from (select * from item_days union all select * from stat_days)
    where day is not null
)
select * from final
