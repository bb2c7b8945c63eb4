-- The lake's partitions (oversight.lake.export): per upload, kind and month, the number of rows. The month of a row
-- is the month METRICS.md counts it as new in: a task's assignment date (else its document's date), a case's or a
-- feedback item's reception date, a Biểu 06 row's period start. A task without any date is in year 0, month 0.
-- The export_<kind> files use the same rule (keep them in step).
with
rows_by_month as (
    select 'tasks' as kind, upload_id, coalesce(received, cast(doc_date as timestamp)) as placed_at from tasks
    union all
    select 'cases' as kind, upload_id, received as placed_at from cases
    union all
    select 'feedback' as kind, upload_id, received as placed_at from feedback
    union all
    select 'case_stats' as kind, upload_id, cast(period_from as timestamp) as placed_at from case_stats
),
final as (
    select
        kind,
        upload_id,
        coalesce(year(placed_at), 0) as year,
        coalesce(month(placed_at), 0) as month,
        count(*) as row_count
    from rows_by_month
    group by all
)
select * from final
order by upload_id, kind, year, month
