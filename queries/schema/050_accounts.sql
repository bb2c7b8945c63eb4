-- 050: local accounts, the audit log, access settings and first-admin setup links (oversight.auth).
-- Passwords are kept only as argon2id hashes; setup links only as the SHA-256 of their token.

CREATE SEQUENCE seq_user_id START 1;

CREATE TABLE users (
    user_id             INTEGER PRIMARY KEY DEFAULT nextval('seq_user_id'),
    username            VARCHAR NOT NULL UNIQUE,  -- NFC, lower case, trimmed
    display_name        VARCHAR,
    role                VARCHAR CHECK (role IN ('admin', 'uploader', 'leader', 'unit_viewer')),  -- NULL: sees nothing
    unit_id             INTEGER,                  -- the unit a unit_viewer sees
    password_hash       VARCHAR NOT NULL,         -- argon2id, PHC string
    active              BOOLEAN NOT NULL DEFAULT TRUE,
    failed_attempts     INTEGER NOT NULL DEFAULT 0,  -- consecutive failed logins
    locked_until        TIMESTAMP,                -- refused until then after too many failures
    created_at          TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by          VARCHAR NOT NULL,         -- Principal.actor
    password_changed_at TIMESTAMP,
    last_login_at       TIMESTAMP,
    CHECK (role IS DISTINCT FROM 'unit_viewer' OR unit_id IS NOT NULL)
);

CREATE SEQUENCE seq_audit_id START 1;

-- Who did what, when; one row per action, failed logins included. Never holds a password.
CREATE TABLE audit_log (
    audit_id INTEGER PRIMARY KEY DEFAULT nextval('seq_audit_id'),
    "at"     TIMESTAMP NOT NULL DEFAULT current_timestamp,  -- quoted: AT is a keyword in DuckDB
    actor    VARCHAR NOT NULL,                    -- 'web:lan', 'cli:root', 'system', 'web:<typed name>'
    action   VARCHAR NOT NULL,                    -- oversight.auth.audit action names
    target   VARCHAR,                             -- the user, upload, setting ... acted on
    detail   VARCHAR,                             -- JSON text
    ok       BOOLEAN NOT NULL DEFAULT TRUE
);

-- Settings an admin changes from the dashboard (oversight.auth.policy); a missing key has its default.
CREATE TABLE app_settings (
    key        VARCHAR PRIMARY KEY,
    value      VARCHAR NOT NULL,                  -- JSON text
    changed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    changed_by VARCHAR NOT NULL
);

-- One-time links that create the first admin (oversight.auth.setup).
CREATE TABLE setup_tokens (
    token_hash VARCHAR PRIMARY KEY,               -- SHA-256 hex of the token
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    used_by    VARCHAR                            -- the admin account it created
);
