-- 070: the register of reminders and criticisms (issue 14; oversight.reminders). Directive 9788/UBND-HCTC: «Giao
-- Sở Nội vụ theo dõi, tổng hợp các đơn vị, địa phương bị nhắc nhở, phê bình». One row per unit named in a letter
-- (a letter naming five units is five rows with the same letter number). Rows are never deleted: a withdrawn
-- entry keeps its row with withdrawn_at set, and every change is also in audit_log.
--   level:  'nhac_nho' (nhắc nhở), 'phe_binh' (phê bình), 'kiem_diem' (yêu cầu kiểm điểm)
--   source: 'letter' (recorded from the letter flow) or 'manual' (typed in the register)
--   kinds:  which data the reminder is about, comma-separated among 'tasks', 'cases', 'feedback'

CREATE SEQUENCE seq_reminder_id START 1;

CREATE TABLE reminders (
    reminder_id     INTEGER PRIMARY KEY DEFAULT nextval('seq_reminder_id'),
    unit_id         INTEGER NOT NULL,
    level           VARCHAR NOT NULL CHECK (level IN ('nhac_nho', 'phe_binh', 'kiem_diem')),
    letter_date     DATE NOT NULL,         -- ngày văn bản
    letter_number   VARCHAR,               -- số/ký hiệu, e.g. '1234/UBND-HCTC'; NULL until the office numbers it
    reason          VARCHAR NOT NULL,
    period_start    DATE,                  -- the period the reminder is about (inclusive)
    period_end      DATE,
    kinds           VARCHAR,
    source          VARCHAR NOT NULL DEFAULT 'manual' CHECK (source IN ('letter', 'manual')),
    recorded_by     VARCHAR NOT NULL,      -- the principal's actor name
    recorded_at     TIMESTAMP NOT NULL,    -- UTC
    withdrawn_at    TIMESTAMP,             -- UTC; a withdrawn entry no longer counts
    withdrawn_by    VARCHAR,
    withdrawn_reason VARCHAR
);
