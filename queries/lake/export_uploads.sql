-- The lake's manifest of uploads (oversight.lake.export), written afresh on every export so that a rollback, a
-- replacement or the demo's retirement shows as data: the state is 'active', 'replaced', 'rolled_back', or
-- 'demo_retired' for a demo upload that stopped counting (schema 060). Only 'active' uploads count.
copy (
    select
        cast($province as varchar) as province,
        upload_id,
        kind,
        case when state = 'active' and demo_retired_at is not null then 'demo_retired' else state end as state,
        origin,
        uploaded_at,
        file_name,
        period_from,
        period_to,
        rows_loaded
    from uploads
    order by upload_id
) to $path (format parquet)
