-- 030: the unit registry's administration (oversight.units.admin, page "Danh mục đơn vị"):
-- names an admin declared not to be units of the province, and merges of two units that turned out to
-- be one, recorded row by row so that each merge can be undone.

-- A unit merged into another keeps its row (its history stays readable) and points at the kept unit.
ALTER TABLE units ADD COLUMN merged_into INTEGER;

-- Names rejected as unknown in uploads that are not units of the province: no longer proposed.
CREATE TABLE unit_rejected_names (
    name_key    VARCHAR PRIMARY KEY,     -- oversight.units.names.name_key of the name
    name        VARCHAR NOT NULL,        -- as first written
    rejected_by VARCHAR NOT NULL,
    rejected_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE seq_unit_merge_id START 1;

-- One row per merge: the dropped unit's aliases, facts and lineage went to the kept unit.
CREATE TABLE unit_merges (
    merge_id   INTEGER PRIMARY KEY DEFAULT nextval('seq_unit_merge_id'),
    keep_id    INTEGER NOT NULL,
    drop_id    INTEGER NOT NULL,
    merged_by  VARCHAR NOT NULL,
    merged_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    fact_rows  INTEGER NOT NULL DEFAULT 0,
    alias_rows INTEGER NOT NULL DEFAULT 0,
    undone_by  VARCHAR,
    undone_at  TIMESTAMP
);

-- The rows a merge repointed from the dropped unit to the kept one.
CREATE TABLE unit_merge_rows (
    merge_id   INTEGER NOT NULL,
    table_name VARCHAR NOT NULL CHECK (table_name IN ('tasks', 'cases', 'case_stats', 'feedback', 'units')),
    upload_id  INTEGER,                  -- a fact row: its upload and Excel row
    source_row INTEGER,
    unit_id    INTEGER                   -- 'units': a unit whose parent was the dropped unit
);

-- The dropped unit's aliases as they were; kept_had_it: the kept unit already had that key (nothing moved).
CREATE TABLE unit_merge_aliases (
    merge_id    INTEGER NOT NULL,
    alias_key   VARCHAR NOT NULL,
    alias       VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    created_by  VARCHAR,
    created_at  TIMESTAMP NOT NULL,
    kept_had_it BOOLEAN NOT NULL
);

-- The dropped unit's lineage rows as they were; substituted: a row with the kept unit in its place was added.
CREATE TABLE unit_merge_lineage (
    merge_id     INTEGER NOT NULL,
    from_unit_id INTEGER NOT NULL,
    to_unit_id   INTEGER NOT NULL,
    effective    DATE NOT NULL,
    is_default   BOOLEAN NOT NULL,
    is_split     BOOLEAN NOT NULL,
    substituted  BOOLEAN NOT NULL
);
