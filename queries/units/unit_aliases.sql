-- The aliases of unit $id, the registry's own first, then by alias.
SELECT alias, alias_key, source, created_by, created_at FROM unit_aliases WHERE unit_id = $id
ORDER BY source <> 'registry', alias COLLATE vi
