-- The state of the loaded data that metrics_item_cache / metrics_unit_cache (schema 020) were built from:
-- every upload with its state (and whether it is a retired demo upload, schema 060), and the row counts of the fact
-- and unit tables. Any upload, replacement, rollback, retirement or return of the demo, or registry change alters
-- it, and oversight.metrics_cache then rebuilds the caches. Read beside it, in the same pass: the fingerprint and the
-- cut-off setting the caches were last built for (metrics_cache_state; none before the first build).
with
upload_states as (
    select
        coalesce(
            string_agg(
                upload_id || ':' || state || case when demo_retired_at is not null then ':demo_retired' else '' end,
                ','
                order by upload_id
            ),
            ''
        ) as uploads_part
    from uploads
),
row_counts as (
    select
        (select count(*) from tasks) as tasks_rows,
        (select count(*) from cases) as cases_rows,
        (select count(*) from feedback) as feedback_rows,
        (select count(*) from units) as units_rows,
        (select count(*) from unit_lineage) as lineage_rows
),
stored as (
    select
        max(case when name = 'items' then fingerprint end) as stored_fingerprint,
        max(case when name = 'cutoff' then fingerprint end) as stored_cutoff
    from metrics_cache_state
    where name in ('items', 'cutoff')
),
final as (
    select
        uploads_part || '|' || tasks_rows || '|' || cases_rows || '|' || feedback_rows || '|' || units_rows
            || '|' || lineage_rows as fingerprint,
        stored.stored_fingerprint,
        stored.stored_cutoff
    from upload_states, row_counts, stored
)
select * from final
