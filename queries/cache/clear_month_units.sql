-- The pivoted month rows (schema 022) emptied before they are rebuilt.
delete from metrics_month_units
