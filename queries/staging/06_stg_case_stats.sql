-- Aggregate Biểu 06 rows of active uploads (which periods are combined is decided in case_counts).
create or replace view stg_case_stats as
with
active as (
    select upload_id, uploaded_at from stg_active_uploads
),
final as (
    select case_stats.*
    from case_stats
    join active using (upload_id)
)
select * from final
