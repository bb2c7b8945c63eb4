-- Uploads whose rows count: state 'active' (replaced and rolled-back uploads are ignored everywhere).
create or replace view stg_active_uploads as
with final as (
    select upload_id, kind, file_name, period_from, period_to, uploaded_at
    from uploads
    where state = 'active'
)
select * from final
