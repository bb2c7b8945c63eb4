-- 074: the facts lake every upload also writes (issue 15; oversight/lake.py). lake_writes: the uploads whose fact
-- files are in a lake folder (one row per folder and upload, written once the files are there), so that the next
-- write, or `python -m oversight lake --out DIR`, fills in every upload missing from that folder. lake_failures:
-- the last failed write per folder (cleared by the next complete one), shown by `python -m oversight check`.

CREATE TABLE lake_writes (
    lake_dir    VARCHAR NOT NULL,      -- the folder, as configured (OVERSIGHT_LAKE_DIR or <database folder>/lake)
    upload_id   INTEGER NOT NULL,
    written_at  TIMESTAMP NOT NULL     -- UTC
);

CREATE TABLE lake_failures (
    lake_dir    VARCHAR NOT NULL,
    failed_at   TIMESTAMP NOT NULL,    -- UTC
    error       VARCHAR NOT NULL,      -- the error's type and text, as logged
    pending     INTEGER NOT NULL       -- uploads not yet in the folder after the failure
);
