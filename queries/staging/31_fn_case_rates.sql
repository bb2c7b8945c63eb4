-- case_rates(...): the TTHC rates of METRICS.md section 3 from the 13 columns, as a struct to unnest.
create or replace macro case_rates(total, resolved_early, resolved_on_time, resolved_late, pending_on_time,
    pending_overdue) as
    {
        'cases_late_rate': ratio(resolved_late + pending_overdue, total),
        'cases_on_time_rate': 1 - ratio(resolved_late + pending_overdue, total),
        'cases_766_progress_ratio': ratio(resolved_early + resolved_on_time + pending_on_time, total),
        'cases_766_progress_score': 20 * ratio(resolved_early + resolved_on_time + pending_on_time, total)
    }
