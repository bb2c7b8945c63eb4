-- The newest migration applied to this database.
SELECT max(version) AS version FROM schema_version
