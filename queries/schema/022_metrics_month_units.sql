-- 022: the rows of metrics_month_counts (schema 021) pivoted to one row per (cut-off, month or backdated span,
-- reported unit, field): the three kinds side by side, in the columns the scorecard is summed from. A period of
-- whole months without Biểu 06 aggregates in it is answered from here (oversight.metrics chooses that path:
-- queries/rankings/*_months.sql, queries/metrics/*_months.sql) by plain sums over its months and units instead
-- of pivoting the kinds per query. Combined as in 021: new, resolved, rated and satisfied add up, carried over
-- is the first month's, pending, no-deadline pending and due soon are the last month's.
--
-- Built from metrics_month_counts right after its months (oversight.metrics), emptied and rebuilt with it;
-- a (month, unit, field) has a row here iff it has a row of some kind there (has_* say which kinds).
-- Never edited by hand.

CREATE TABLE metrics_month_units (
    cutoff                         VARCHAR NOT NULL,
    month_from                     DATE NOT NULL,
    month_to                       DATE NOT NULL,
    backdated                      BOOLEAN NOT NULL,
    per_field                      BOOLEAN NOT NULL,
    unit_id                        INTEGER NOT NULL,  -- the reported unit
    field                          VARCHAR,
    has_cases                      BOOLEAN NOT NULL,
    has_tasks                      BOOLEAN NOT NULL,
    has_feedback                   BOOLEAN NOT NULL,
    cases_new_online               BIGINT NOT NULL,
    cases_new_offline              BIGINT NOT NULL,
    cases_carried_over             BIGINT NOT NULL,
    cases_resolved_early           BIGINT NOT NULL,
    cases_resolved_on_time         BIGINT NOT NULL,
    cases_resolved_late            BIGINT NOT NULL,
    cases_pending_on_time          BIGINT NOT NULL,
    cases_pending_overdue          BIGINT NOT NULL,
    cases_no_deadline_resolved     BIGINT NOT NULL,
    cases_no_deadline_pending      BIGINT NOT NULL,
    tasks_new                      BIGINT NOT NULL,
    tasks_carried_over             BIGINT NOT NULL,
    tasks_done_on_time             BIGINT NOT NULL,   -- resolved early or on time
    tasks_done_late                BIGINT NOT NULL,
    tasks_open_on_time             BIGINT NOT NULL,
    tasks_open_overdue             BIGINT NOT NULL,
    tasks_no_deadline_resolved     BIGINT NOT NULL,
    tasks_no_deadline_pending      BIGINT NOT NULL,
    tasks_due_soon                 BIGINT NOT NULL,
    feedback_new                   BIGINT NOT NULL,
    feedback_carried_over          BIGINT NOT NULL,
    feedback_done_on_time          BIGINT NOT NULL,
    feedback_done_late             BIGINT NOT NULL,
    feedback_open_on_time          BIGINT NOT NULL,
    feedback_open_overdue          BIGINT NOT NULL,
    feedback_no_deadline_resolved  BIGINT NOT NULL,
    feedback_no_deadline_pending   BIGINT NOT NULL,
    feedback_rated                 BIGINT NOT NULL,
    feedback_satisfied             BIGINT NOT NULL
);
