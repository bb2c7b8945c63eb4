-- The last failed write to the lake folder $lake_dir: what failed and how many uploads are still missing there.
insert into lake_failures (lake_dir, failed_at, error, pending)
values ($lake_dir, current_timestamp, $error, $pending)
