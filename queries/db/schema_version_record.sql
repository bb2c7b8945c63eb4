-- Record a migration as applied (in the migration's own transaction).
INSERT INTO schema_version (version, name) VALUES ($version, $name)
