-- Mark upload $id rolled back, noting who did it and when in its details.
UPDATE uploads SET state = 'rolled_back',
    details = json_merge_patch(coalesce(details, '{}'::JSON), $note::JSON)
WHERE upload_id = $id
