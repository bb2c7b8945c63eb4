-- The names recorded as not units of the province, latest first.
SELECT name, rejected_by, rejected_at FROM unit_rejected_names ORDER BY rejected_at DESC
