-- Biểu 06 rows of active uploads breaking an identity (3 = 4+5+6, 7 = 8+9+10, 11 = 12+13, 3 = 7+11).
-- Ingestion rejects such files; a row here means the guard was bypassed. Zero rows = pass.
with
rows_checked as (
    select
        upload_id,
        source_row,
        unit_name,
        field,
        period_from,
        period_to,
        cases_total <> cases_new_online + cases_new_offline + cases_carried_over as breaks_3_456,
        cases_resolved <> cases_resolved_early + cases_resolved_on_time + cases_resolved_late as breaks_7_8910,
        cases_pending <> cases_pending_on_time + cases_pending_overdue as breaks_11_1213,
        cases_total <> cases_resolved + cases_pending as breaks_3_711
    from stg_case_stats
),
final as (
    select *
    from rows_checked
    where breaks_3_456 or breaks_7_8910 or breaks_11_1213 or breaks_3_711
    order by upload_id, source_row
)
select * from final
