-- The finished month figures (schema 075) emptied before the month caches are rebuilt in full.
delete from metrics_month_totals
