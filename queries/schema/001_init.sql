-- 001: the core data model (DESIGN.md "Data model").
-- DuckDB foreign keys forbid updating referenced rows, so references are documented, not declared;
-- queries/checks/ holds the integrity checks instead.

CREATE SEQUENCE seq_unit_id START 1;

-- Every department, district and commune of the province, old and new.
CREATE TABLE units (
    unit_id       INTEGER PRIMARY KEY DEFAULT nextval('seq_unit_id'),
    registry_key  VARCHAR UNIQUE,       -- stable identity across rebuilds: 'dept:so_tu_phap', 'commune:26041', ...
    code          VARCHAR,              -- official code (QĐ 19/2025/QĐ-TTg or GSO); NULL for departments
    name          VARCHAR NOT NULL,     -- official full name: 'Phường Trấn Biên', 'Sở Tư pháp'
    short_name    VARCHAR NOT NULL,     -- 'Trấn Biên', 'Tư pháp'
    abbreviation  VARCHAR,              -- 'STP'
    unit_type     VARCHAR NOT NULL,     -- 'Sở', 'Ban', 'Cơ quan', 'Huyện', 'Thành phố', 'Thị xã', 'Xã', 'Phường', 'Thị trấn'
    unit_group    VARCHAR NOT NULL CHECK (unit_group IN ('department', 'district', 'commune')),
    parent_id     INTEGER,              -- a pre-reform commune's district
    province_code VARCHAR,              -- the province the unit belonged to when valid
    valid_from    DATE,                 -- NULL: since before any data
    valid_to      DATE,                 -- NULL: still exists
    source        VARCHAR NOT NULL DEFAULT 'registry',  -- registry | admin
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Normalised name variants (oversight.units.names.name_key) that identify a unit.
CREATE TABLE unit_aliases (
    alias_key  VARCHAR NOT NULL,
    unit_id    INTEGER NOT NULL,
    alias      VARCHAR NOT NULL,        -- the variant as first seen
    source     VARCHAR NOT NULL,        -- registry | confirmed | admin
    created_by VARCHAR,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (alias_key, unit_id)
);

-- Old unit -> new unit(s) at a reform date. A split old unit has several rows, one is_default.
CREATE TABLE unit_lineage (
    from_unit_id INTEGER NOT NULL,
    to_unit_id   INTEGER NOT NULL,
    effective    DATE NOT NULL,
    is_default   BOOLEAN NOT NULL DEFAULT TRUE,
    is_split     BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (from_unit_id, to_unit_id)
);

CREATE SEQUENCE seq_upload_id START 1;

-- One row per uploaded file that was committed.
CREATE TABLE uploads (
    upload_id     INTEGER PRIMARY KEY DEFAULT nextval('seq_upload_id'),
    kind          VARCHAR NOT NULL CHECK (kind IN ('tasks', 'cases', 'case_stats', 'feedback')),
    file_name     VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    stored_path   VARCHAR,
    sheet_name    VARCHAR,
    period_from   DATE,
    period_to     DATE,
    uploaded_by   VARCHAR NOT NULL,
    uploaded_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    rows_read     INTEGER NOT NULL DEFAULT 0,
    rows_loaded   INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    warnings      INTEGER NOT NULL DEFAULT 0,
    state         VARCHAR NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'replaced', 'rolled_back')),
    replaced_by   INTEGER,
    details       JSON                  -- column mapping, header rows, detected period source
);

-- Rejected rows (severity 'error') and data-quality warnings (severity 'warning') of an upload.
CREATE TABLE upload_rejects (
    upload_id   INTEGER NOT NULL,
    severity    VARCHAR NOT NULL CHECK (severity IN ('error', 'warning')),
    sheet       VARCHAR,
    source_row  INTEGER,                -- 1-based row number as Excel shows it
    column_name VARCHAR,
    value       VARCHAR,
    reason      VARCHAR NOT NULL        -- Vietnamese
);

-- Facts. Every row carries its upload and the Excel row it came from. status_code is the
-- normalised status (oversight.statuses); dates decide where present (METRICS.md section 2).

CREATE TABLE tasks (
    upload_id         INTEGER NOT NULL,
    source_row        INTEGER NOT NULL,
    item_key          VARCHAR NOT NULL,  -- document number + task text, normalised: the latest upload wins
    doc_number        VARCHAR,
    doc_date          DATE,
    content           VARCHAR,
    assigned_by       VARCHAR,
    unit_id           INTEGER NOT NULL,  -- lead unit (đơn vị chủ trì)
    unit_name         VARCHAR NOT NULL,  -- as written in the file
    cooperating_units VARCHAR,
    field             VARCHAR,
    received          TIMESTAMP,         -- assignment date
    due               TIMESTAMP,         -- effective deadline (adjusted when present); NULL = no deadline
    due_original      TIMESTAMP,
    due_text          VARCHAR,           -- 'Thường xuyên', 'Không thời hạn', ... as written
    done              TIMESTAMP,
    status_text       VARCHAR,
    status_code       VARCHAR,
    note              VARCHAR
);

CREATE TABLE cases (
    upload_id      INTEGER NOT NULL,
    source_row     INTEGER NOT NULL,
    case_code      VARCHAR NOT NULL,     -- mã hồ sơ: the latest upload wins
    procedure_name VARCHAR,
    field          VARCHAR,
    unit_id        INTEGER NOT NULL,
    unit_name      VARCHAR NOT NULL,
    applicant      VARCHAR,
    channel        VARCHAR CHECK (channel IN ('online', 'offline')),
    received       TIMESTAMP NOT NULL,
    due            TIMESTAMP,
    done           TIMESTAMP,            -- ngày có kết quả
    returned       TIMESTAMP,            -- ngày trả kết quả
    status_text    VARCHAR,
    status_code    VARCHAR
);

CREATE TABLE case_stats (
    upload_id              INTEGER NOT NULL,
    source_row             INTEGER NOT NULL,
    unit_id                INTEGER NOT NULL,
    unit_name              VARCHAR NOT NULL,
    field                  VARCHAR,      -- NULL: all fields of the unit
    period_from            DATE NOT NULL,
    period_to              DATE NOT NULL,
    cases_total            BIGINT NOT NULL,
    cases_new_online       BIGINT NOT NULL,
    cases_new_offline      BIGINT NOT NULL,
    cases_carried_over     BIGINT NOT NULL,
    cases_resolved         BIGINT NOT NULL,
    cases_resolved_early   BIGINT NOT NULL,
    cases_resolved_on_time BIGINT NOT NULL,
    cases_resolved_late    BIGINT NOT NULL,
    cases_pending          BIGINT NOT NULL,
    cases_pending_on_time  BIGINT NOT NULL,
    cases_pending_overdue  BIGINT NOT NULL
);

CREATE TABLE feedback (
    upload_id     INTEGER NOT NULL,
    source_row    INTEGER NOT NULL,
    feedback_code VARCHAR NOT NULL,      -- mã phản ánh: the latest upload wins
    received      TIMESTAMP NOT NULL,
    channel       VARCHAR,
    field         VARCHAR,
    category      VARCHAR,
    content       VARCHAR,
    area          VARCHAR,
    unit_id       INTEGER NOT NULL,
    unit_name     VARCHAR NOT NULL,
    due           TIMESTAMP,
    done          TIMESTAMP,
    status_text   VARCHAR,
    status_code   VARCHAR,
    rating        VARCHAR CHECK (rating IN ('satisfied', 'unsatisfied'))
);

-- Key/value settings an admin may change from the app (JSON values); environment defaults otherwise.
CREATE TABLE settings (
    key        VARCHAR PRIMARY KEY,
    value      JSON NOT NULL,
    updated_by VARCHAR,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
