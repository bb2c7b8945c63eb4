-- The last day of unit $id's latest former name (null when it was never renamed).
SELECT max(valid_to) AS last_end FROM unit_names WHERE unit_id = $id
