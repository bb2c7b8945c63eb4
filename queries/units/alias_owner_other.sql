-- A unit other than $id, not merged away, that alias key $key already names, if any.
SELECT u.name FROM unit_aliases a JOIN units u USING (unit_id)
WHERE a.alias_key = $key AND u.unit_id <> $id AND u.merged_into IS NULL LIMIT 1
