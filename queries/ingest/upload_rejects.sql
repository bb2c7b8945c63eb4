-- The rows upload $id rejected or warned about, with the values read.
SELECT severity, sheet, source_row, column_name, value, reason FROM upload_rejects
WHERE upload_id = $id ORDER BY source_row, severity
