-- Store the Biểu 06 rows of upload $id (the DataFrame registered as new_rows).
INSERT INTO case_stats (upload_id, source_row, unit_id, unit_name, field, period_from, period_to, cases_total,
    cases_new_online, cases_new_offline, cases_carried_over, cases_resolved, cases_resolved_early,
    cases_resolved_on_time, cases_resolved_late, cases_pending, cases_pending_on_time, cases_pending_overdue)
SELECT $id, source_row, unit_id, unit_name, field, period_from, period_to, cases_total,
    cases_new_online, cases_new_offline, cases_carried_over, cases_resolved, cases_resolved_early,
    cases_resolved_on_time, cases_resolved_late, cases_pending, cases_pending_on_time, cases_pending_overdue
FROM new_rows
