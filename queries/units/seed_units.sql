-- The registry's units from the registered frame seed_units.
INSERT INTO units (registry_key, code, name, short_name, abbreviation, unit_type, unit_group,
    province_code, valid_from, valid_to, source)
SELECT registry_key, code, name, short_name, abbreviation, unit_type, unit_group, province_code,
    CAST(valid_from AS DATE), CAST(valid_to AS DATE), 'registry' FROM seed_units
