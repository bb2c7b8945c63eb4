-- 071: the monthly report written by the service itself (issue 14; oversight/report_service.py), one row per
-- reporting month ('2025-09'). The row is the claim: several server processes on one data folder take turns on
-- the database file, and the first to insert a month's row writes that month's report; the others find the row
-- and write nothing. A claim left without written_at (a process killed while writing, a disk error) may be taken
-- over after half an hour. error keeps the last problem (writing or e-mailing); emailed_to the addresses sent to.

CREATE TABLE report_runs (
    month       VARCHAR PRIMARY KEY,   -- the reporting month, 'YYYY-MM'
    claimed_at  TIMESTAMP NOT NULL,    -- UTC
    claimed_by  VARCHAR NOT NULL,      -- 'host:pid' of the process that claimed it
    written_at  TIMESTAMP,             -- UTC; NULL until both files are written
    files       VARCHAR,               -- the files written, '; '-separated
    emailed_to  VARCHAR,               -- the recipients, ', '-separated; NULL when not sent
    error       VARCHAR
);
