-- The span the loaded exports cover. An upload with a reporting period (read from its title rows or given
-- at upload) covers that period: items it carries over from earlier do not widen the span, since a month
-- with only carried-over items is not a month with data. An upload without a period (a case list with no
-- title period) covers its items' reception and completion dates; Biểu 06 rows always have a period.
-- Items' days are read from metrics_upload_days (schema 021: per upload, the span of its items in
-- metrics_item_cache), refreshed before any query.
with
declared as (
    select upload_id, period_from as first_day, period_to as last_day
    from stg_active_uploads
    where period_from is not null and period_to is not null
),
undeclared_items as (
    select first_day, last_day
    from metrics_upload_days
    where upload_id not in (select upload_id from declared)
),
stat_days as (
    select period_from as first_day, period_to as last_day from stg_case_stats
),
final as (
    select min(first_day) as min_date, max(last_day) as max_date
    from (
        select first_day, last_day from declared
        union all select * from undeclared_items
        union all select * from stat_days
    )
)
select * from final
