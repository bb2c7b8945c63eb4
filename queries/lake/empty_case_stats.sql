-- An empty lake_case_stats (a lake without Biểu 06 aggregates): the columns classify_cases reads.
create or replace table lake_case_stats (
    province VARCHAR, upload_id INTEGER, unit_id INTEGER, field VARCHAR, period_from DATE, period_to DATE,
    cases_new_online BIGINT, cases_new_offline BIGINT, cases_carried_over BIGINT, cases_resolved_early BIGINT,
    cases_resolved_on_time BIGINT, cases_resolved_late BIGINT, cases_pending_on_time BIGINT,
    cases_pending_overdue BIGINT
)
