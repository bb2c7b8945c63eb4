-- The month rows of metrics_month_counts (schema 021) for the months [$month_from[i], $month_to[i]] (whole
-- months of one cut-off, built by oversight.metrics_cache with oversight.periods): each month's counts exactly as
-- the item-level path classifies them for that month (macro month_counts over items_classified). Sorted, so
-- that reading a period's months skips the row groups of the others.
insert into metrics_month_counts by name
with
months as (
    select
        unnest(cast($month_from as date[])) as month_from,
        unnest(cast($month_to as date[])) as month_to
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
    order by cutoff, counts.per_field, months.month_from, counts.kind, counts.unit_id
)
select * from final
