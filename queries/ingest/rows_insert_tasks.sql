-- Store the task rows of upload $id (the DataFrame registered as new_rows).
INSERT INTO tasks (upload_id, source_row, item_key, doc_number, doc_date, content, assigned_by, unit_id, unit_name,
    cooperating_units, field, received, due, due_original, due_text, done, status_text, status_code, note)
SELECT $id, source_row, item_key, doc_number, doc_date, content, assigned_by, unit_id, unit_name,
    cooperating_units, field, received, due, due_original, due_text, done, status_text, status_code, note
FROM new_rows
