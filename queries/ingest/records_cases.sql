-- The rows of a case list below its header, cleaned and typed, each marked blank, total, section or signature
-- block (oversight.ingest.records). Reads raw_rows: the sheet's columns c0, c1, ... (and c, always NULL), __row, and
-- per field a cell struct f_<field> (lead_1, lead_2: the first two header columns), queries/ingest/records_macros.sql.
WITH cells AS (
    SELECT
        *,
        cell_text(f_case_code) AS t_case_code,
        cell_text(f_procedure_name) AS t_procedure_name,
        cell_text(f_field) AS t_field,
        cell_text(f_unit) AS t_unit,
        cell_text(f_applicant) AS t_applicant,
        cell_text(f_status) AS t_status,
        cell_text(f_channel) AS t_channel,
        date_text(f_received) AS t_received,
        cell_date(f_received) AS x_received,
        date_text(f_due) AS t_due,
        cell_date(f_due) AS x_due,
        date_text(f_done) AS t_done,
        cell_date(f_done) AS x_done,
        date_text(f_returned) AS t_returned,
        cell_date(f_returned) AS x_returned,
        coalesce(cell_text(lead_1), cell_text(lead_2)) AS label
    FROM raw_rows WHERE __row >= $start
),
candidates AS (
    -- only rows that may be a total, section or signature row get their text folded and tested: in an item list
    -- those lack the item key or the unit, or repeat the label in the key; Biểu 06 rows are few
    SELECT *, t_case_code IS NULL OR t_unit IS NULL OR t_case_code = label AS maybe FROM cells
),
src AS (
    SELECT
        __row,
        label,
        t_case_code,
        t_procedure_name,
        t_field,
        t_unit,
        t_applicant,
        t_status,
        t_channel,
        t_received,
        x_received,
        t_due,
        x_due,
        t_done,
        x_done,
        t_returned,
        x_returned,
        CASE WHEN maybe THEN fold_text(concat_ws(' ', *COLUMNS('^c[0-9]*$'))) END AS row_text,
        CASE WHEN maybe THEN fold_text(label) END AS flabel
    FROM candidates
),
typed AS (
    SELECT
        *,
        coalesce(x_received, parse_date(t_received)) AS p_received,
        coalesce(x_due, parse_date(t_due)) AS p_due,
        coalesce(x_done, parse_date(t_done)) AS p_done,
        coalesce(x_returned, parse_date(t_returned)) AS p_returned
    FROM src
)
SELECT
    __row,
    label,
    t_case_code,
    t_procedure_name,
    t_field,
    t_unit,
    t_applicant,
    t_status,
    t_channel,
    t_received,
    t_due,
    t_done,
    t_returned,
    p_received AS d_received,
    p_due AS d_due,
    p_done AS d_done,
    p_returned AS d_returned,
    coalesce(regexp_matches(flabel, $total_re), false) AS is_total,
    coalesce(regexp_matches(flabel, $section_re) OR regexp_matches(flabel, $section_name_re),
        false) AS is_section,
    coalesce(regexp_matches(row_text, $footer_re), false) AS is_footer,
    (t_case_code IS NULL
        AND t_procedure_name IS NULL
        AND t_field IS NULL
        AND t_unit IS NULL
        AND t_applicant IS NULL
        AND t_status IS NULL
        AND t_channel IS NULL
        AND t_received IS NULL
        AND t_due IS NULL
        AND t_done IS NULL
        AND t_returned IS NULL
        AND p_received IS NULL
        AND p_due IS NULL
        AND p_done IS NULL
        AND p_returned IS NULL
        AND label IS NULL) AS is_blank
-- no ORDER BY: the rows come in the sheet's order (a projection of one Arrow scan, DuckDB's insertion order);
-- sorting them held every row twice (records._base_frame checks the order)
FROM typed
