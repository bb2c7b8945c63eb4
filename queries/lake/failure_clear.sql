-- A complete write to the lake folder $lake_dir: its recorded failures are over.
delete from lake_failures where lake_dir = $lake_dir
