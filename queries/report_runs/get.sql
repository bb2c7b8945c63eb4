-- The record of one month's report (none when the service has not claimed it).
select month, claimed_at, claimed_by, written_at, files, emailed_to, error from report_runs where month = $month
