-- Every alias with the unit it names, as the matcher indexes them.
SELECT a.alias_key, a.alias, u.unit_id, u.name, u.unit_group, u.province_code, u.valid_from,
    u.valid_to, u.short_name
FROM unit_aliases a JOIN units u USING (unit_id)
