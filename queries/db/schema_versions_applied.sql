-- Every migration applied to this database.
SELECT version FROM schema_version
