-- One audit row.
INSERT INTO audit_log (actor, action, target, detail, ok) VALUES ($actor, $action, $target, $detail, $ok)
