-- The keys of the names recorded as not units of the province.
SELECT name_key FROM unit_rejected_names
