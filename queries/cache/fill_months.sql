-- The rows of metrics_cache_months (schema 021): the months [$month_from[i], $month_to[i]] just built, with
-- their cut-off.
insert into metrics_cache_months by name
with
months as (
    select
        unnest(cast($month_from as date[])) as month_from,
        unnest(cast($month_to as date[])) as month_to
),
final as (
    select month_cutoff(month_from, month_to) as cutoff, month_from, month_to
    from months
    where month_cutoff(month_from, month_to) is not null
)
select * from final
