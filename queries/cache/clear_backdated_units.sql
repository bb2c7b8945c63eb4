-- The backdated span rows of metrics_month_counts (schema 021) of the units $units, removed before an incremental
-- refresh rebuilds them (fill_backdated_units).
delete from metrics_month_counts
where backdated and unit_id in (select unnest(cast($units as integer[])))
