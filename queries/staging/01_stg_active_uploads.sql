-- Uploads whose rows count: state 'active' (replaced and rolled-back uploads are ignored everywhere), except the
-- demo's uploads once real data came (demo_retired_at set, schema 060: demo data is never counted with real data).
create or replace view stg_active_uploads as
with final as (
    select upload_id, kind, file_name, period_from, period_to, uploaded_at, origin
    from uploads
    where state = 'active' and demo_retired_at is null
)
select * from final
