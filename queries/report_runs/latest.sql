-- The newest month the service has claimed a report for, with how it went (none when it never has).
select month, claimed_at, claimed_by, written_at, files, emailed_to, error
from report_runs
order by month desc
limit 1
