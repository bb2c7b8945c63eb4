-- 064: server-side login sessions (oversight.auth.sessions). The browser holds a random 256-bit token in an
-- HttpOnly cookie (signed with the server's secret); only the token's SHA-256 is kept here. A row ends by
-- logout, by disabling its account, by a password change, or when it expires.

CREATE SEQUENCE seq_web_session_id START 1;

CREATE TABLE web_sessions (
    session_id         INTEGER PRIMARY KEY DEFAULT nextval('seq_web_session_id'),
    token_hash         VARCHAR,              -- SHA-256 hex of the cookie's token; NULL until the browser collects it
    handoff_hash       VARCHAR,              -- SHA-256 hex of the one-time code the login form hands to the browser
    handoff_expires_at TIMESTAMP,            -- the code works once, until then
    user_id            INTEGER NOT NULL,
    created_at         TIMESTAMP NOT NULL,   -- the login
    last_seen          TIMESTAMP NOT NULL,   -- refreshed at most every few minutes, never audited
    expires_at         TIMESTAMP NOT NULL,   -- created_at + the session length setting at login
    revoked_at         TIMESTAMP,
    revoked_reason     VARCHAR,              -- logout, disabled, password
    client             VARCHAR               -- the browser's user agent, cut to 200 characters
);
