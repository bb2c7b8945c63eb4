-- The names unit $id had before a rename, with the days each was used and who renamed it, oldest first.
SELECT name AS "Tên cũ", valid_from AS "Từ ngày", valid_to AS "Đến ngày", renamed_by AS "Người đổi"
FROM unit_names WHERE unit_id = $id ORDER BY valid_to
