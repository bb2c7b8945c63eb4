-- How many units the registry holds (none: it is seeded).
SELECT count(*) FROM units
