-- The lake folder $lake_dir as `python -m oversight check` reports it: the uploads not yet written there, and the
-- newest recorded failure (NULLs when none).
with
latest as (
    select failed_at, error
    from lake_failures
    where lake_dir = $lake_dir
    order by failed_at desc
    limit 1
),
final as (
    select
        (select count(*) from uploads
         where upload_id not in (select upload_id from lake_writes where lake_dir = $lake_dir)) as pending,
        (select failed_at from latest) as failed_at,
        (select error from latest) as error
)
select * from final
