-- Make the uploads that upload $id had replaced active again; which ones.
UPDATE uploads SET state = 'active', replaced_by = NULL
WHERE replaced_by = $id AND state = 'replaced'
RETURNING upload_id
