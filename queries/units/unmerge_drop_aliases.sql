-- The aliases that merge $merge gave to unit $keep taken back.
DELETE FROM unit_aliases WHERE unit_id = $keep AND alias_key IN
    (SELECT alias_key FROM unit_merge_aliases WHERE merge_id = $merge AND NOT kept_had_it)
