-- The months already in metrics_month_counts (schema 021) that start within [$from, $to] (a calendar month
-- starts on the 1st, a 15→14 month on the 15th, so the start names the cut-off too).
with
final as (
    select cutoff, month_from, month_to
    from metrics_cache_months
    where month_from between cast($from as date) and cast($to as date)
    order by month_from
)
select * from final
