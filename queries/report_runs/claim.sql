-- Claim the month $month for this process: a new row, or a row whose earlier claim was never completed and is
-- older than $stale_before (both UTC). Returns the month when claimed, nothing when another process has it.
insert into report_runs (month, claimed_at, claimed_by)
values ($month, $now, $who)
on conflict (month) do update set
    claimed_at = excluded.claimed_at,
    claimed_by = excluded.claimed_by,
    error = null
    where report_runs.written_at is null and report_runs.claimed_at < $stale_before
returning month
