-- Which of the given unit ids exist in the registry, with their names.
SELECT unit_id, name
FROM units
WHERE list_contains(cast($unit_ids AS INTEGER[]), unit_id)
ORDER BY unit_id
