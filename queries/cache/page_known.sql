-- What a page run learns of the caches at its first question (oversight.metrics_cache.Known), in one pass instead of
-- a query per call: what = 'built', a month of metrics_month_counts (metrics_cache_months; its start names the
-- cut-off); 'stats', the reporting period of a Biểu 06 aggregate row of an active upload (each once); 'scored', a
-- month with finished unit scores (metrics_month_scores, schema 075) under the scoring named `scoring` (scoring_key).
with
built as (
    select 'built' as what, month_from as period_from, month_to as period_to, cast(null as varchar) as scoring
    from metrics_cache_months
),
stats as (
    select distinct 'stats' as what, period_from, period_to, cast(null as varchar) as scoring
    from stg_case_stats
),
scored as (
    select distinct 'scored' as what, month_from as period_from, month_to as period_to, scoring
    from metrics_month_scores
),
final as (
    select * from built
    union all
    select * from stats
    union all
    select * from scored
)
select * from final
