-- How many real uploads the database holds, whatever their state (any: the demo history stops loading).
SELECT count(*) FROM uploads WHERE origin <> 'demo'
