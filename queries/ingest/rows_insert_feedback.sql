-- Store the feedback rows of upload $id (the DataFrame registered as new_rows).
INSERT INTO feedback (upload_id, source_row, feedback_code, received, channel, field, category, content, area,
    unit_id, unit_name, due, done, status_text, status_code, rating)
SELECT $id, source_row, feedback_code, received, channel, field, category, content, area,
    unit_id, unit_name, due, done, status_text, status_code, rating
FROM new_rows
