-- Record one unit's reminder (one row per unit named in a letter); its new id.
INSERT INTO reminders (unit_id, level, letter_date, letter_number, reason, period_start, period_end, kinds, source,
                       recorded_by, recorded_at)
VALUES ($unit_id, $level, $letter_date, $letter_number, $reason, $period_start, $period_end, $kinds, $source,
        $recorded_by, $recorded_at)
RETURNING reminder_id
