-- The month counts (schema 021) emptied before they are rebuilt.
delete from metrics_month_counts
