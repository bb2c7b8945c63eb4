-- The month's report was e-mailed to $emailed_to (', '-separated).
update report_runs set emailed_to = $emailed_to where month = $month
