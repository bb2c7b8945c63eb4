-- The seeded units' names, abbreviations and further spellings as aliases, from the registered frame
-- seed_aliases.
INSERT INTO unit_aliases (alias_key, unit_id, alias, source)
SELECT a.alias_key, u.unit_id, a.alias, 'registry' FROM seed_aliases a
JOIN units u ON u.registry_key = a.registry_key
