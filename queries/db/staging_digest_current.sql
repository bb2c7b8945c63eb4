-- The digest of the staging files the database's views were last made from (none before the first time).
SELECT digest FROM staging_digest WHERE id = 1
