-- Each unit and the unit it is today (METRICS.md section 7, --units today): follow unit_lineage from the
-- old unit to its successor, taking the is_default successor of a split unit, until a unit without
-- successor. Old communes end in the new commune or ward; departments merged on 1/3/2025 in their
-- successor; a district (no successor) stays itself. Depth is capped against a cyclic lineage.
create or replace view stg_unit_today as
with recursive
edges as (
    select from_unit_id, to_unit_id
    from unit_lineage
    qualify row_number() over (partition by from_unit_id order by is_default desc, to_unit_id) = 1
),
walk (unit_id, today_unit_id, depth) as (
    select unit_id, unit_id, 0 from units
    union all
    select walk.unit_id, edges.to_unit_id, walk.depth + 1
    from walk
    join edges on edges.from_unit_id = walk.today_unit_id
    where walk.depth < 8
),
final as (
    select unit_id, arg_max(today_unit_id, depth) as today_unit_id
    from walk
    group by unit_id
)
select * from final
