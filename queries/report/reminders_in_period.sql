-- The reminders and criticisms of the register (schema 070) whose letter is dated in [$from, $to] and that are
-- not withdrawn, one row per unit named, for the monthly report: strongest level first (kiểm điểm, phê bình,
-- nhắc nhở), then by letter date, letter number and unit name.
with
entries as (
    select reminders.*
    from reminders
    where reminders.withdrawn_at is null
        and reminders.letter_date between $from and $to
        -- the units the current principal may see (bound by run_query, NULL = every unit)
        and ($allowed is null or list_contains(cast($allowed as integer[]), reminders.unit_id))
),
final as (
    select
        entries.reminder_id,
        entries.unit_id,
        coalesce(units.name, cast(entries.unit_id as varchar)) as unit_name,
        units.unit_group,
        entries.level,
        entries.letter_date,
        entries.letter_number,
        entries.reason
    from entries
    left join units using (unit_id)
    order by
        case entries.level when 'kiem_diem' then 1 when 'phe_binh' then 2 else 3 end,
        entries.letter_date,
        entries.letter_number nulls last,
        unit_name collate vi,
        entries.reminder_id
)
select * from final
