-- How many aliases merge $merge gave to the kept unit.
SELECT count(*) FILTER (WHERE NOT kept_had_it) FROM unit_merge_aliases WHERE merge_id = $merge
