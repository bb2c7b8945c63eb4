-- The lake's partitions of one upload ($upload_id): per kind and month, the number of rows; the rule of
-- lake/partitions.sql (keep them in step), for the write that follows an upload (only its own rows are read).
with
rows_by_month as (
    select 'tasks' as kind, coalesce(received, cast(doc_date as timestamp)) as placed_at
    from tasks where upload_id = $upload_id
    union all
    select 'cases' as kind, received as placed_at from cases where upload_id = $upload_id
    union all
    select 'feedback' as kind, received as placed_at from feedback where upload_id = $upload_id
    union all
    select 'case_stats' as kind, cast(period_from as timestamp) as placed_at from case_stats where upload_id = $upload_id
),
final as (
    select
        kind,
        cast($upload_id as integer) as upload_id,
        coalesce(year(placed_at), 0) as year,
        coalesce(month(placed_at), 0) as month,
        count(*) as row_count
    from rows_by_month
    group by all
)
select * from final
order by kind, year, month
