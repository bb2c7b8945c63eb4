-- What went wrong with the month's report (writing or e-mailing), kept for the operator.
update report_runs set error = $error where month = $month
