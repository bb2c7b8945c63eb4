-- The lake's unit registry of the province $province (oversight.lake.export), written afresh on every export: the
-- units of the database (queries/schema/001_init.sql) with their validity, so that a national office can name them
-- and re-attribute abolished units to today's (lake/unit_today.sql over this and lake/export_unit_lineage.sql).
copy (
    select
        cast($province as varchar) as province,
        unit_id,
        registry_key,
        code,
        name,
        short_name,
        unit_type,
        unit_group,
        parent_id,
        province_code,
        valid_from,
        valid_to
    from units
    order by unit_id
) to $path (format parquet)
