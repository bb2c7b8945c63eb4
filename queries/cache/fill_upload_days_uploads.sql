-- The rows of metrics_upload_days (schema 021) of the uploads $ids (an incremental refresh), as fill_upload_days:
-- per upload, the first and last day of its items as metrics_item_cache holds them (the latest row per item), for
-- the data range of undeclared uploads.
-- A day outside the plausible span (oversight.periods: 1/1/2000 to five years after today) is a data error,
-- such as a mistyped 31/12/9999: it is left out, so that one such item does not stretch the range.
insert into metrics_upload_days by name
with
days as (
    select
        upload_id,
        cast(received_at as date) as received_day,
        cast(coalesce(done_at, received_at) as date) as last_day
    from metrics_item_cache
    where upload_id in (select unnest(cast($ids as integer[])))
),
plausible as (
    select
        upload_id,
        case when received_day between date '2000-01-01' and current_date + interval 5 year
            then received_day end as received_day,
        case when last_day between date '2000-01-01' and current_date + interval 5 year
            then last_day end as last_day
    from days
),
final as (
    select
        upload_id,
        min(received_day) as first_day,
        max(last_day) as last_day
    from plausible
    group by upload_id
)
select * from final
