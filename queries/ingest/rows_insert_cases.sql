-- Store the case rows of upload $id (the DataFrame registered as new_rows).
INSERT INTO cases (upload_id, source_row, case_code, procedure_name, field, unit_id, unit_name, applicant, channel,
    received, due, done, returned, status_text, status_code)
SELECT $id, source_row, case_code, procedure_name, field, unit_id, unit_name, applicant, channel,
    received, due, done, returned, status_text, status_code
FROM new_rows
