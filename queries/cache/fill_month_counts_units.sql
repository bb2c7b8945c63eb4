-- The month rows of metrics_month_counts (schema 021) of the (month, unit) pairs ([$month_from[i], $month_to[i]],
-- $unit_id[i]) an incremental refresh rebuilds: each pair's rows exactly as fill_month_counts builds its month
-- (macro month_counts over items_classified), kept for the pair's unit only.
insert into metrics_month_counts by name
with
pairs as (
    select
        unnest(cast($month_from as date[])) as month_from,
        unnest(cast($month_to as date[])) as month_to,
        unnest(cast($unit_id as integer[])) as unit_id
),
months as (
    select distinct month_from, month_to from pairs
),
final as (
    select
        month_cutoff(months.month_from, months.month_to) as cutoff,
        months.month_from,
        months.month_to,
        false as backdated,
        counts.*
    from months, lateral (select * from month_counts(months.month_from, months.month_to)) as counts
    where month_cutoff(months.month_from, months.month_to) is not null
        and (months.month_from, months.month_to, counts.unit_id) in (select (month_from, month_to, unit_id) from pairs)
    order by cutoff, counts.per_field, months.month_from, counts.kind, counts.unit_id
)
select * from final
