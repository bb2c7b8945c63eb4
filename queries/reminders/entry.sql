-- One register entry as stored, with its unit's name (for withdrawing or editing it).
SELECT r.*, u.name AS unit_name
FROM reminders r
JOIN units u ON u.unit_id = r.unit_id
WHERE r.reminder_id = $reminder_id
