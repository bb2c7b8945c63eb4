-- Store the rejected rows and warnings of upload $id (the DataFrame registered as new_rejects).
INSERT INTO upload_rejects (upload_id, severity, sheet, source_row, column_name, value, reason)
SELECT $id, severity, sheet, source_row, column_name, CAST(value AS VARCHAR), reason
FROM new_rejects
