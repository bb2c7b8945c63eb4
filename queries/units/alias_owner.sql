-- The unit not merged away (lowest id first) that alias key $key already names, if any.
SELECT u.name FROM unit_aliases a JOIN units u USING (unit_id)
WHERE a.alias_key = $key AND u.merged_into IS NULL ORDER BY u.unit_id LIMIT 1
