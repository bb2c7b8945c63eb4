-- How many demo uploads the database holds, whatever their state.
SELECT count(*) FROM uploads WHERE origin = 'demo'
