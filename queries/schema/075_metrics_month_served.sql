-- 075: the figures of single months, finished (issue 15 part 3; oversight/metrics_cache.py builds them with the
-- month caches, oversight.metrics reads them). A leader's pages mostly ask for one month, no field filter: its
-- ranking, lagging lists, province KPIs and trend are then read from finished rows instead of being summed and
-- scored per query (planning the scoring macros alone cost more than the overview page's budget).
--
-- metrics_month_totals: per (cut-off, month, unit mode, group: 'all' or a unit group), the province totals and
-- rates of period_month_totals (queries/staging/46_period_month_totals.sql) for that month; a built month
-- (metrics_cache_months) has its eight rows. metrics_month_scores: per (cut-off, month, unit mode, scoring, unit),
-- the row unit_month_scored (queries/staging/53_unit_month_scored.sql) gives that month under the weights and
-- minimum volume `scoring` names (built for the settings' scoring with the caches, for another when first asked),
-- with display_order (the ranking's order: group, rank, name in Vietnamese collation) and name_order (by name).
-- Emptied and rebuilt with the month caches, the months an incremental refresh touches rebuilt whole (a rank
-- depends on every unit of the month). Never edited by hand.

CREATE TABLE metrics_month_totals (
    cutoff                      VARCHAR NOT NULL,
    month_from                  DATE NOT NULL,
    month_to                    DATE NOT NULL,
    units_mode                  VARCHAR NOT NULL,   -- 'reported' or 'today'
    unit_group                  VARCHAR NOT NULL,   -- 'all', 'department', 'district' or 'commune'
    cases_total                 BIGINT NOT NULL,
    cases_new_online            BIGINT NOT NULL,
    cases_new_offline           BIGINT NOT NULL,
    cases_carried_over          BIGINT NOT NULL,
    cases_resolved              BIGINT NOT NULL,
    cases_resolved_early        BIGINT NOT NULL,
    cases_resolved_on_time      BIGINT NOT NULL,
    cases_resolved_late         BIGINT NOT NULL,
    cases_pending               BIGINT NOT NULL,
    cases_pending_on_time       BIGINT NOT NULL,
    cases_pending_overdue       BIGINT NOT NULL,
    cases_no_deadline           BIGINT NOT NULL,
    tasks_total                 BIGINT NOT NULL,
    tasks_done_on_time          BIGINT NOT NULL,
    tasks_done_late             BIGINT NOT NULL,
    tasks_open_on_time          BIGINT NOT NULL,
    tasks_open_overdue          BIGINT NOT NULL,
    tasks_no_deadline           BIGINT NOT NULL,
    tasks_due_soon              BIGINT NOT NULL,
    feedback_total              BIGINT NOT NULL,
    feedback_done_on_time       BIGINT NOT NULL,
    feedback_done_late          BIGINT NOT NULL,
    feedback_open_on_time       BIGINT NOT NULL,
    feedback_open_overdue       BIGINT NOT NULL,
    feedback_no_deadline        BIGINT NOT NULL,
    feedback_rated              BIGINT NOT NULL,
    feedback_satisfied          BIGINT NOT NULL,
    cases_late_rate             DOUBLE,
    cases_on_time_rate          DOUBLE,
    cases_766_progress_ratio    DOUBLE,
    cases_766_progress_score    DOUBLE,
    tasks_overdue_rate          DOUBLE,
    feedback_overdue_rate       DOUBLE,
    feedback_766_on_time_ratio  DOUBLE,
    feedback_766_points         DOUBLE,
    feedback_satisfaction_rate  DOUBLE
);

CREATE TABLE metrics_month_scores (
    cutoff                      VARCHAR NOT NULL,
    month_from                  DATE NOT NULL,
    month_to                    DATE NOT NULL,
    units_mode                  VARCHAR NOT NULL,   -- 'reported' or 'today'
    scoring                     VARCHAR NOT NULL,   -- 'w_tasks/w_cases/w_feedback/min_volume' (oversight.metrics_cache)
    display_order               BIGINT NOT NULL,
    name_order                  BIGINT NOT NULL,
    unit_id                     INTEGER NOT NULL,   -- the displayed unit
    unit_name                   VARCHAR,
    unit_short_name             VARCHAR,
    unit_code                   VARCHAR,
    unit_group                  VARCHAR,
    unit_type                   VARCHAR,
    unit_valid_to               DATE,
    cases_source                VARCHAR,
    cases_total                 BIGINT,
    cases_new_online            BIGINT,
    cases_new_offline           BIGINT,
    cases_carried_over          BIGINT,
    cases_resolved              BIGINT,
    cases_resolved_early        BIGINT,
    cases_resolved_on_time      BIGINT,
    cases_resolved_late         BIGINT,
    cases_pending               BIGINT,
    cases_pending_on_time       BIGINT,
    cases_pending_overdue       BIGINT,
    cases_no_deadline           BIGINT,
    cases_late_rate             DOUBLE,
    cases_on_time_rate          DOUBLE,
    cases_766_progress_ratio    DOUBLE,
    cases_766_progress_score    DOUBLE,
    tasks_total                 BIGINT,
    tasks_done_on_time          BIGINT,
    tasks_done_late             BIGINT,
    tasks_open_on_time          BIGINT,
    tasks_open_overdue          BIGINT,
    tasks_no_deadline           BIGINT,
    tasks_due_soon              BIGINT,
    tasks_overdue_rate          DOUBLE,
    feedback_total              BIGINT,
    feedback_done_on_time       BIGINT,
    feedback_done_late          BIGINT,
    feedback_open_on_time       BIGINT,
    feedback_open_overdue       BIGINT,
    feedback_no_deadline        BIGINT,
    feedback_rated              BIGINT,
    feedback_satisfied          BIGINT,
    feedback_overdue_rate       DOUBLE,
    feedback_766_on_time_ratio  DOUBLE,
    feedback_766_points         DOUBLE,
    feedback_satisfaction_rate  DOUBLE,
    tasks_rated                 BIGINT,
    feedback_judged             BIGINT,
    tasks_component             DOUBLE,
    cases_component             DOUBLE,
    feedback_component          DOUBLE,
    score                       DOUBLE,
    score_volume                BIGINT,
    ranked                      BOOLEAN,
    rank                        BIGINT
);
