-- The file of the database this connection writes (NULL for an in-memory one): the facts lake's default folder is
-- next to it (oversight.lake.after_commit; Settings.lake_dir_for).
select path from duckdb_databases() where database_name = current_database()
