-- Whether a unit with registry key $key exists.
SELECT 1 FROM units WHERE registry_key = $key
