-- The counted uploads behind a period's figures: each whose reporting period (without one: the span of its items'
-- days, metrics_upload_days) meets $from-$to, newest first, with who loaded it and when (stored UTC).
with
spans as (
    select a.upload_id, coalesce(a.period_from, d.first_day) as first_day, coalesce(a.period_to, d.last_day) as last_day
    from stg_active_uploads a
    left join metrics_upload_days d using (upload_id)
),
final as (
    select u.upload_id, u.file_name, u.kind, u.period_from, u.period_to, u.uploaded_at, u.uploaded_by, u.origin
    from spans s
    join uploads u using (upload_id)
    where s.first_day <= $to and s.last_day >= $from
    order by u.uploaded_at desc, u.upload_id desc
)
select * from final
