-- What merging unit $drop into another moves of the facts: per fact table and upload, its file and rows.
WITH facts AS (
    SELECT 'tasks' AS tbl, f.upload_id, count(*) AS n FROM tasks f WHERE f.unit_id = $drop GROUP BY f.upload_id
    UNION ALL
    SELECT 'cases' AS tbl, f.upload_id, count(*) AS n FROM cases f WHERE f.unit_id = $drop GROUP BY f.upload_id
    UNION ALL
    SELECT 'case_stats' AS tbl, f.upload_id, count(*) AS n FROM case_stats f WHERE f.unit_id = $drop
    GROUP BY f.upload_id
    UNION ALL
    SELECT 'feedback' AS tbl, f.upload_id, count(*) AS n FROM feedback f WHERE f.unit_id = $drop
    GROUP BY f.upload_id
)
SELECT facts.tbl, u.file_name AS file, facts.n AS rows
FROM facts LEFT JOIN uploads u USING (upload_id) ORDER BY facts.tbl, facts.upload_id
