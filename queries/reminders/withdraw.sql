-- Withdraw one entry (soft: the row stays, with who withdrew it, when and why); a withdrawn entry is left as it is.
UPDATE reminders
SET withdrawn_at = $withdrawn_at, withdrawn_by = $withdrawn_by, withdrawn_reason = $withdrawn_reason
WHERE reminder_id = $reminder_id AND withdrawn_at IS NULL
RETURNING reminder_id
