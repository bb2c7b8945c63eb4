-- Correct one entry's letter details (level, date, number, reason, period, kinds); withdrawn entries are not edited.
UPDATE reminders
SET level = $level, letter_date = $letter_date, letter_number = $letter_number, reason = $reason,
    period_start = $period_start, period_end = $period_end, kinds = $kinds
WHERE reminder_id = $reminder_id AND withdrawn_at IS NULL
RETURNING reminder_id
