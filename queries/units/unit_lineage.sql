-- The predecessors and successors of unit $id, with the date of each link, the successor that takes a split
-- unit's data (is_default) and whether the unit was split.
with
final as (
    select 'predecessor' as direction, f.unit_id, f.name, f.code, f.unit_type, l.effective,
        l.is_default, l.is_split
    from unit_lineage l join units f on f.unit_id = l.from_unit_id
    where l.to_unit_id = $id
    union all
    select 'successor', t.unit_id, t.name, t.code, t.unit_type, l.effective, l.is_default, l.is_split
    from unit_lineage l join units t on t.unit_id = l.to_unit_id
    where l.from_unit_id = $id
)
select * from final
order by direction, is_default desc, name collate vi
