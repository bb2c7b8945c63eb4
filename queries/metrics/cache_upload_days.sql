-- The rows of metrics_upload_days (schema 021): per upload, the first and last day of its items as
-- metrics_item_cache holds them (the latest row per item), for the data range of undeclared uploads.
with
final as (
    select
        upload_id,
        min(cast(received_at as date)) as first_day,
        max(cast(coalesce(done_at, received_at) as date)) as last_day
    from metrics_item_cache
    group by upload_id
)
select * from final
