-- Which staging views and macros (queries/staging/*.sql) the database holds: the digest of the files they were made
-- from (oversight/db.py create_views), so that a process whose files match skips re-creating them.
CREATE TABLE IF NOT EXISTS staging_digest (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    digest VARCHAR NOT NULL,
    made_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
