-- Each seeded unit's parent (a district's communes), from the registered frame seed_parents.
UPDATE units SET parent_id = p.unit_id FROM seed_parents s JOIN units p ON p.registry_key = s.parent_key
WHERE units.registry_key = s.registry_key
