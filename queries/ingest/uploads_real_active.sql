-- How many real uploads are active.
SELECT count(*) FROM uploads WHERE state = 'active' AND origin <> 'demo'
