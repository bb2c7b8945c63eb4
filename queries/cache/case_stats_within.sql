-- How many Biểu 06 aggregate rows (active uploads) have a reporting period lying within one of the periods
-- [$month_from[i], $month_to[i]]: only those can count in such a period (kind_counts), so with none, a period of
-- whole months is answered from metrics_month_units alone (oversight.metrics then answers from the month rows).
with
periods as (
    select
        unnest(cast($month_from as date[])) as period_from,
        unnest(cast($month_to as date[])) as period_to
),
final as (
    select count(*) as stats_rows
    from stg_case_stats as stats
    join periods on stats.period_from >= periods.period_from and stats.period_to <= periods.period_to
)
select * from final
