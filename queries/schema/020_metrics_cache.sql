-- 020: a materialisation of stg_items (the latest row per item of active uploads, typed) and of
-- stg_unit_today, so the metric queries read one sorted table instead of de-duplicating millions of rows
-- on every query. oversight.metrics refreshes both whenever the fingerprint of the loaded data (uploads
-- and their states, fact and unit row counts) differs from the one stored here, i.e. after every upload,
-- replacement or rollback. Rows are sorted by (kind, scope_end) so a period's scan skips the row groups of
-- items finished before it. Never edited by hand; rebuildable at any time.

CREATE TABLE metrics_item_cache (
    kind          VARCHAR NOT NULL,
    item_key      VARCHAR NOT NULL,
    upload_id     INTEGER NOT NULL,
    source_row    INTEGER NOT NULL,
    item_code     VARCHAR,
    doc_date      DATE,
    title         VARCHAR,
    unit_id       INTEGER NOT NULL,
    unit_name     VARCHAR,
    field         VARCHAR,
    channel       VARCHAR,
    rating        VARCHAR,
    received_at   TIMESTAMP,
    due_at        TIMESTAMP,
    done_at       TIMESTAMP,
    due_text      VARCHAR,
    status_text   VARCHAR,
    status_code   VARCHAR,
    scope_end     TIMESTAMP NOT NULL    -- out of scope for every period starting after this instant
);

CREATE TABLE metrics_unit_cache (
    unit_id       INTEGER PRIMARY KEY,
    today_unit_id INTEGER NOT NULL
);

CREATE TABLE metrics_cache_state (
    name          VARCHAR PRIMARY KEY,   -- 'items'
    fingerprint   VARCHAR NOT NULL,
    refreshed_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);
