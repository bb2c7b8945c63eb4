-- The lake's unit lineage of the province $province (oversight.lake.export), written afresh on every export: old
-- unit -> new unit(s) at a reform date; a split old unit has several rows, one is_default (schema 001).
copy (
    select cast($province as varchar) as province, from_unit_id, to_unit_id, effective, is_default, is_split
    from unit_lineage
    order by from_unit_id, to_unit_id
) to $path (format parquet)
