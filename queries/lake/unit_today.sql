-- Each unit of each province and the unit it is today (METRICS.md section 7, «Theo đơn vị hiện nay»), over the
-- lake's unit registry and lineage (lake_units, lake_unit_lineage: the files lake/export_units.sql and
-- export_unit_lineage.sql write), as the database's stg_unit_today does (queries/staging/02_stg_unit_today.sql):
-- follow the lineage from the old unit to its successor, taking the is_default successor of a split unit (then
-- the smallest id), until a unit without successor; at most 8 steps, as the database caps its walk. Portable SQL:
-- a fixed chain of left joins instead of a recursive query, so that Spark SQL runs the same text.
with
edges as (
    select province, from_unit_id, to_unit_id
    from (
        select
            province,
            from_unit_id,
            to_unit_id,
            row_number() over (
                partition by province, from_unit_id
                order by case when is_default then 0 else 1 end, to_unit_id
            ) as rank_in_unit
        from lake_unit_lineage
    ) as ranked
    where rank_in_unit = 1
),
final as (
    select
        u.province,
        u.unit_id,
        coalesce(e8.to_unit_id, e7.to_unit_id, e6.to_unit_id, e5.to_unit_id, e4.to_unit_id, e3.to_unit_id, e2.to_unit_id, e1.to_unit_id, u.unit_id) as today_unit_id
    from lake_units as u
    left join edges as e1 on e1.province = u.province and e1.from_unit_id = u.unit_id
    left join edges as e2 on e2.province = u.province and e2.from_unit_id = e1.to_unit_id
    left join edges as e3 on e3.province = u.province and e3.from_unit_id = e2.to_unit_id
    left join edges as e4 on e4.province = u.province and e4.from_unit_id = e3.to_unit_id
    left join edges as e5 on e5.province = u.province and e5.from_unit_id = e4.to_unit_id
    left join edges as e6 on e6.province = u.province and e6.from_unit_id = e5.to_unit_id
    left join edges as e7 on e7.province = u.province and e7.from_unit_id = e6.to_unit_id
    left join edges as e8 on e8.province = u.province and e8.from_unit_id = e7.to_unit_id
)
select * from final
order by province, unit_id
