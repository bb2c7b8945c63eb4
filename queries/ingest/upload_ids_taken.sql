-- Which of the upload ids $ids the database already holds, whatever their state.
SELECT upload_id FROM uploads WHERE upload_id IN (SELECT unnest($ids::INTEGER[])) ORDER BY upload_id
