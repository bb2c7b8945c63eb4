-- The register's entries a reader may see ($allowed: their units, NULL = every unit), newest letter first, filtered
-- by unit, level, letter-date range, source; withdrawn entries only when asked for.
SELECT
    r.reminder_id,
    r.unit_id,
    u.name AS unit_name,
    u.unit_group,
    r.level,
    r.letter_date,
    r.letter_number,
    r.reason,
    r.period_start,
    r.period_end,
    r.kinds,
    r.source,
    r.recorded_by,
    r.recorded_at,
    r.withdrawn_at,
    r.withdrawn_by,
    r.withdrawn_reason
FROM reminders r
JOIN units u ON u.unit_id = r.unit_id
WHERE ($allowed IS NULL OR list_contains(cast($allowed AS INTEGER[]), r.unit_id))
    AND ($unit_id IS NULL OR r.unit_id = $unit_id)
    AND ($level IS NULL OR r.level = $level)
    AND ($date_from IS NULL OR r.letter_date >= $date_from)
    AND ($date_to IS NULL OR r.letter_date <= $date_to)
    AND ($source IS NULL OR r.source = $source)
    AND ($include_withdrawn OR r.withdrawn_at IS NULL)
ORDER BY r.letter_date DESC, r.reminder_id DESC
