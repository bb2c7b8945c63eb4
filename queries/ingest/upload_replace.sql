-- Mark the uploads $ids replaced by upload $id.
UPDATE uploads SET state = 'replaced', replaced_by = $id
WHERE upload_id IN (SELECT unnest($ids::INTEGER[]))
