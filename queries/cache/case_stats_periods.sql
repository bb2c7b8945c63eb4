-- The reporting periods of the Biểu 06 aggregate rows of active uploads, each once: a page run reads them once and
-- tells from them, for every period it asks for, what case_stats_within counts (whether one lies within it).
with
final as (
    select distinct period_from, period_to
    from stg_case_stats
    order by period_from, period_to
)
select * from final
