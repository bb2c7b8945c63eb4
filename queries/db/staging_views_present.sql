-- How many of the named staging views exist in the database (a view dropped by hand is made again; the macros are
-- not counted: listing functions costs 50-70 ms, more than re-creating everything).
SELECT count(*) AS present FROM duckdb_views() WHERE NOT internal AND list_contains($names, view_name)
