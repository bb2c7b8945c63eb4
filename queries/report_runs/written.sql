-- The month's report is written: when, and which files.
update report_runs set written_at = $now, files = $files, error = null where month = $month
