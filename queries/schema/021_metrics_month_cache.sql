-- 021: class counts per (cut-off, month, kind, reported unit, field), so that a period made of whole months
-- (a calendar or 15→14 month, quarter, half, year, a year to date ending at a month end) is answered from
-- small rows instead of classifying millions of items. Built by oversight.metrics with the same
-- items_classified macro as every other figure, once per month (as_of = the month's last day), so a
-- month's row holds exactly what the item-level path counts for that month. A longer period combines its
-- months as METRICS.md combines Biểu 06 periods: new, resolved, rated and satisfied add up, carried_over is
-- the first month's, pending and due-soon columns are the last month's (macro period_counts).
--
-- One exception to "a period's items = the union of its months' items": an item done before it was received
-- (bad dates in the export) in an earlier month than its reception is in no month's scope, yet new and
-- resolved in a period covering both months. Such items get a row of their own (backdated = true) spanning
-- month_from = the start of the month it was done in .. month_to = the end of the month it was received in,
-- with only new / resolved / rating counts; a period containing that span adds it.
--
-- Every count is kept twice: per field (per_field = true, for the breakdowns by field) and per unit over all
-- fields (per_field = false, field NULL; a quarter of the rows, for everything else).
--
-- metrics_cache_months lists the months built per cut-off (a month may have no rows); a period is answered
-- from here only when every month of it is built (oversight.metrics builds missing months first). Both tables
-- are emptied and rebuilt with metrics_item_cache (schema 020). Never edited by hand.

CREATE TABLE metrics_month_counts (
    cutoff                 VARCHAR NOT NULL,  -- 'calendar' | 'decree09'
    month_from             DATE NOT NULL,
    month_to               DATE NOT NULL,
    backdated              BOOLEAN NOT NULL,  -- a span row of items done before the month they were received in
    per_field              BOOLEAN NOT NULL,  -- a row per field; else per unit over all fields (field NULL)
    kind                   VARCHAR NOT NULL,  -- 'tasks' | 'cases' | 'feedback'
    unit_id                INTEGER NOT NULL,  -- the reported unit
    field                  VARCHAR,
    new_online             BIGINT NOT NULL,
    new_offline            BIGINT NOT NULL,   -- every new item not received online
    carried_over           BIGINT NOT NULL,
    resolved_early         BIGINT NOT NULL,
    resolved_on_time       BIGINT NOT NULL,
    resolved_late          BIGINT NOT NULL,
    resolved_no_deadline   BIGINT NOT NULL,
    pending_on_time        BIGINT NOT NULL,
    pending_overdue        BIGINT NOT NULL,
    pending_no_deadline    BIGINT NOT NULL,
    no_deadline_resolved   BIGINT NOT NULL,   -- resolved items flagged no_deadline (cases: among resolved_on_time)
    no_deadline_pending    BIGINT NOT NULL,
    due_soon               BIGINT NOT NULL,
    rated                  BIGINT NOT NULL,   -- resolved items with a rating (feedback)
    satisfied              BIGINT NOT NULL
);

CREATE TABLE metrics_cache_months (
    cutoff      VARCHAR NOT NULL,
    month_from  DATE NOT NULL,
    month_to    DATE NOT NULL,
    PRIMARY KEY (cutoff, month_from)
);

-- Per upload, the first and last day of its items (reception; completion, else reception), for the data range
-- of uploads without a declared period (queries/metrics/data_range.sql) without scanning every item.
CREATE TABLE metrics_upload_days (
    upload_id   INTEGER PRIMARY KEY,
    first_day   DATE,
    last_day    DATE
);
