-- period_units(froms, tos, units_mode): for every period [froms[i], tos[i]] (period_no = i), the displayed units
-- (unit_display) of the units that existed during some part of it (valid_from <= to and valid_to >= from; an
-- empty bound is open): with the units that have items or aggregate rows in the period, the units the period lists
-- (METRICS.md section 6). A unit abolished before the period starts, or created after it ends, is not here, so it
-- is listed only when it has data in the period (a late-reported item of an old commune); an old commune and
-- today's commune that took its name never stand side by side with one of them empty. With units_mode 'today' an
-- old unit that existed stands for the unit it is today; a district (no successor) stays itself.
create or replace macro period_units(froms, tos, units_mode) as table
with
periods as (
    select * from period_list(froms, tos)
),
existed as (
    select periods.period_no, units.unit_id
    from periods
    join units
        on coalesce(units.valid_from, date '0001-01-01') <= periods.period_to
        and coalesce(units.valid_to, date '9999-12-31') >= periods.period_from
),
final as (
    select distinct existed.period_no, display.display_unit_id as unit_id
    from existed
    join unit_display(units_mode) as display using (unit_id)
)
select * from final
