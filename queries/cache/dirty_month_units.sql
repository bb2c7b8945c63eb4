-- The (month, unit) pairs the marked items (metrics_cache_dirty, schema 072) count in as metrics_item_cache holds
-- them, among the months [$month_from[i], $month_to[i]]: an item is in a month's scope from its reception (any
-- month when it has none) to its scope_end (every later month while it is open), the rule of items_classified.
-- Run before and after the marked items' rows are rebuilt: the months and units of both versions are rebuilt.
with
months as (
    select
        unnest(cast($month_from as date[])) as month_from,
        unnest(cast($month_to as date[])) as month_to
),
dirty as (
    select items.unit_id, items.received_at, items.scope_end
    from metrics_item_cache as items
    semi join metrics_cache_dirty as marks on marks.kind = items.kind and marks.item_key = items.item_key
),
spans as (
    select
        unit_id,
        coalesce(cast(received_at as date), date '0001-01-01') as first_day,
        cast(least(scope_end, timestamp '9999-12-30') as date) as last_day
    from dirty
    group by all
),
final as (
    select distinct months.month_from, months.month_to, spans.unit_id
    from spans
    join months on spans.first_day <= months.month_to and spans.last_day >= months.month_from
    order by months.month_from, spans.unit_id
)
select * from final
