-- The audit log, newest first, optionally filtered (a NULL filter keeps every row).
SELECT audit_id, "at", actor, action, target, detail, ok
FROM audit_log
WHERE ($since IS NULL OR "at" >= CAST($since AS TIMESTAMP))
  AND ($until IS NULL OR "at" < CAST($until AS TIMESTAMP))
  AND ($actor IS NULL OR actor = $actor)
  AND ($action IS NULL OR action = $action)
ORDER BY "at" DESC, audit_id DESC
LIMIT $limit
