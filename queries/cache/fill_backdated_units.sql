-- The span rows of metrics_month_counts (schema 021) of the units $units (an incremental refresh), as
-- fill_backdated builds them for every unit, per cut-off: items done before the month they were
-- received in (bad dates). Such an item is in no single month's scope, but new and resolved in any period
-- from the month it was done in to the month it was received in; its outcome does not depend on the period,
-- so it is classified once, over a period containing every date (items_classified, the same rules).
-- month_from = the first day of the month it was done in, month_to = the last day of the month it was
-- received in, under each cut-off (a 15→14 month starts on the 15th). Per field and per unit, as month_counts.
insert into metrics_month_counts by name
with
cutoffs as (
    select * from (values ('calendar', 1), ('decree09', 15)) as c (cutoff, first_day)
),
backdated as (
    select *
    from items_classified(date '0001-01-01', date '9999-12-30')
    where done_at < received_at and unit_id in (select unnest(cast($units as integer[])))
),
spans as (
    select
        cutoffs.cutoff,
        cast(date_trunc('month', cast(done_at as date) - (first_day - 1)) as date) + (first_day - 1) as month_from,
        cast(date_trunc('month', cast(received_at as date) - (first_day - 1)) as date) + (first_day - 1)
            as received_month_from,
        backdated.*
    from backdated, cutoffs
),
final as (
    select
        cutoff,
        month_from,
        cast(received_month_from + interval 1 month as date) - 1 as month_to,
        true as backdated,
        kind,
        unit_id,
        field,
        grouping(field) = 0 as per_field,
        count(*) filter (where coalesce(channel = 'online', false)) as new_online,
        count(*) filter (where not coalesce(channel = 'online', false)) as new_offline,
        0 as carried_over,
        count(*) filter (where outcome = 'resolved_early') as resolved_early,
        count(*) filter (where outcome = 'resolved_on_time') as resolved_on_time,
        count(*) filter (where outcome = 'resolved_late') as resolved_late,
        count(*) filter (where outcome = 'resolved_no_deadline') as resolved_no_deadline,
        0 as pending_on_time,
        0 as pending_overdue,
        0 as pending_no_deadline,
        count(*) filter (where no_deadline) as no_deadline_resolved,
        0 as no_deadline_pending,
        0 as due_soon,
        count(*) filter (where rating is not null) as rated,
        count(*) filter (where rating = 'satisfied') as satisfied
    from spans
    where month_from < received_month_from
    group by grouping sets (
        (cutoff, month_from, received_month_from, kind, unit_id, field),
        (cutoff, month_from, received_month_from, kind, unit_id)
    )
)
select * from final
