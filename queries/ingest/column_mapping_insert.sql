-- Remember a column mapping chosen by hand for one header (latest wins).
INSERT INTO column_mappings (fingerprint, kind, header_cells, choices, file_name, created_by)
VALUES ($fingerprint, $kind, $header_cells, $choices, $file_name, $created_by)
RETURNING mapping_id
