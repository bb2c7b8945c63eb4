-- How many uploads the database holds, whatever their state (none: a fresh database).
SELECT count(*) FROM uploads
