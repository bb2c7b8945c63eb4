-- 061: column mappings a person chose by hand on the upload page for a header the synonym tables could not
-- map completely, remembered for the next file with the same header (the upload page and the CLI use them).
-- Insert-only: the latest row for a header fingerprint (and kind) wins; older rows are the history.

CREATE SEQUENCE seq_column_mapping_id START 1;

CREATE TABLE column_mappings (
    mapping_id   INTEGER PRIMARY KEY DEFAULT nextval('seq_column_mapping_id'),
    fingerprint  VARCHAR NOT NULL,   -- SHA-256 of the normalised header cells (oversight.ingest.mappings)
    kind         VARCHAR NOT NULL CHECK (kind IN ('tasks', 'cases', 'case_stats', 'feedback')),
    header_cells VARCHAR NOT NULL,   -- JSON list of {column, header} as written, for people reading the table
    choices      VARCHAR NOT NULL,   -- JSON {field: 0-based column index} chosen by hand
    file_name    VARCHAR,            -- the file the mapping was chosen for
    created_by   VARCHAR NOT NULL,   -- Principal.actor ('web:lan', 'cli:root')
    created_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE INDEX idx_column_mappings_fingerprint ON column_mappings (fingerprint);
