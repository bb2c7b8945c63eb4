-- The newest day of the data a period's figures rest on: the latest reception or completion day of a counted item,
-- or the last day of a counted Biểu 06 report, within the period $from-$to (NULL: no such day in the period).
with
days as (
    select cast(received_at as date) as day from metrics_item_cache
    union all
    select cast(done_at as date) as day from metrics_item_cache
    union all
    select period_to as day from stg_case_stats
),
final as (
    select max(day) as newest_day from days where day between $from and $to
)
select * from final
