-- The registry, one row per unit of the era ('all' | 'old' | 'new', split at $reform) and group ($group, or
-- every group when null): its parent, validity, how many aliases and their text, predecessors, successors
-- (the default heir first), whether it was split, the unit it was merged into and its source.
with
alias_counts as (
    select unit_id, count(*) as aliases, string_agg(alias, ' | ') as alias_text
    from unit_aliases group by unit_id
),
preds as (
    select l.to_unit_id as unit_id, string_agg(f.name, ', ' order by f.name collate vi) as predecessors
    from unit_lineage l join units f on f.unit_id = l.from_unit_id group by l.to_unit_id
),
succs as (
    select l.from_unit_id as unit_id,
        string_agg(t.name, ', ' order by l.is_default desc, t.name collate vi) as successors,
        bool_or(l.is_split) as is_split
    from unit_lineage l join units t on t.unit_id = l.to_unit_id group by l.from_unit_id
),
final as (
    select u.unit_id, u.code, u.name, u.unit_type as type, u.unit_group as "group", p.name as parent,
        u.valid_from, u.valid_to, coalesce(a.aliases, 0) as aliases, pr.predecessors, su.successors,
        coalesce(su.is_split, false) as is_split, m.name as merged_into, u.source,
        coalesce(a.alias_text, '') as alias_text
    from units u
    left join units p on p.unit_id = u.parent_id
    left join units m on m.unit_id = u.merged_into
    left join alias_counts a on a.unit_id = u.unit_id
    left join preds pr on pr.unit_id = u.unit_id
    left join succs su on su.unit_id = u.unit_id
    where ($era = 'all'
        or ($era = 'old' and (u.valid_from is null or u.valid_from < $reform))
        or ($era = 'new' and (u.valid_to is null or u.valid_to >= $reform)))
      and ($group is null or u.unit_group = $group)
)
select * from final
order by case "group" when 'department' then 0 when 'district' then 1 else 2 end,
    valid_to nulls first, name collate vi, unit_id
