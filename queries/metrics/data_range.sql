-- The span the loaded exports cover. An upload with a reporting period (read from its title rows or given
-- at upload) covers that period: items it carries over from earlier do not widen the span, since a month
-- with only carried-over items is not a month with data. An upload without a period (a case list with no
-- title period) covers its items' reception and completion dates; Biểu 06 rows always have a period.
-- Items' days are read from metrics_upload_days (schema 021: per upload, the span of its items in
-- metrics_item_cache), refreshed before any query. A day outside the plausible span (oversight.periods:
-- 1/1/2000 to five years after today), such as a mistyped 31/12/9999, is left out.
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
days as (
    select first_day, last_day from declared
    union all select * from undeclared_items
    union all select * from stat_days
),
plausible as (
    select
        case when first_day between date '2000-01-01' and current_date + interval 5 year then first_day end
            as first_day,
        case when last_day between date '2000-01-01' and current_date + interval 5 year then last_day end
            as last_day
    from days
),
final as (
    select min(first_day) as min_date, max(last_day) as max_date
    from plausible
)
select * from final
