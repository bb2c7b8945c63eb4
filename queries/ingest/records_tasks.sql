-- The rows of a task list below its header, cleaned and typed, each marked blank, total, section or signature
-- block (oversight.ingest.records). Reads raw_rows: the sheet's columns c0, c1, ... (and c, always NULL), __row, and
-- per field a cell struct f_<field> (lead_1, lead_2: the first two header columns), queries/ingest/records_macros.sql.
WITH cells AS (
    SELECT
        *,
        cell_text(f_doc_number) AS t_doc_number,
        cell_text(f_content) AS t_content,
        cell_text(f_assigned_by) AS t_assigned_by,
        cell_text(f_unit) AS t_unit,
        cell_text(f_cooperating_units) AS t_cooperating_units,
        cell_text(f_field) AS t_field,
        cell_text(f_status) AS t_status,
        cell_text(f_note) AS t_note,
        date_text(f_doc_date) AS t_doc_date,
        cell_date(f_doc_date) AS x_doc_date,
        date_text(f_received) AS t_received,
        cell_date(f_received) AS x_received,
        date_text(f_due) AS t_due,
        cell_date(f_due) AS x_due,
        date_text(f_due_adjusted) AS t_due_adjusted,
        cell_date(f_due_adjusted) AS x_due_adjusted,
        date_text(f_done) AS t_done,
        cell_date(f_done) AS x_done,
        coalesce(cell_text(lead_1), cell_text(lead_2)) AS label
    FROM raw_rows WHERE __row >= $start
),
candidates AS (
    -- only rows that may be a total, section or signature row get their text folded and tested: in an item list
    -- those lack the item key or the unit, or repeat the label in the key; Biểu 06 rows are few
    SELECT *, t_content IS NULL OR t_unit IS NULL OR t_content = label AS maybe FROM cells
),
src AS (
    SELECT
        __row,
        label,
        t_doc_number,
        t_content,
        t_assigned_by,
        t_unit,
        t_cooperating_units,
        t_field,
        t_status,
        t_note,
        t_doc_date,
        x_doc_date,
        t_received,
        x_received,
        t_due,
        x_due,
        t_due_adjusted,
        x_due_adjusted,
        t_done,
        x_done,
        CASE WHEN maybe THEN fold_text(concat_ws(' ', *COLUMNS('^c[0-9]*$'))) END AS row_text,
        CASE WHEN maybe THEN fold_text(label) END AS flabel
    FROM candidates
),
typed AS (
    SELECT
        *,
        coalesce(x_doc_date, parse_date(t_doc_date)) AS p_doc_date,
        coalesce(x_received, parse_date(t_received)) AS p_received,
        coalesce(x_due, parse_date(t_due)) AS p_due,
        coalesce(x_due_adjusted, parse_date(t_due_adjusted)) AS p_due_adjusted,
        coalesce(x_done, parse_date(t_done)) AS p_done,
        regexp_replace(trim(regexp_replace(fold_text(coalesce(t_doc_number, '')), '[^0-9a-z]+', ' ', 'g')), '^so ([0-9])', '\1') || '|' || trim(regexp_replace(fold_text(coalesce(t_content, '')), '[^0-9a-z]+', ' ', 'g')) AS key_text
    FROM src
)
SELECT
    __row,
    label,
    t_doc_number,
    t_content,
    t_assigned_by,
    t_unit,
    t_cooperating_units,
    t_field,
    t_status,
    t_note,
    t_doc_date,
    t_received,
    t_due,
    t_due_adjusted,
    t_done,
    p_doc_date AS d_doc_date,
    p_received AS d_received,
    p_due AS d_due,
    p_due_adjusted AS d_due_adjusted,
    p_done AS d_done,
    key_text,
    coalesce(regexp_matches(flabel, $total_re), false) AS is_total,
    coalesce(regexp_matches(flabel, $section_re) OR regexp_matches(flabel, $section_name_re),
        false) AS is_section,
    coalesce(regexp_matches(row_text, $footer_re), false) AS is_footer,
    (t_doc_number IS NULL
        AND t_content IS NULL
        AND t_assigned_by IS NULL
        AND t_unit IS NULL
        AND t_cooperating_units IS NULL
        AND t_field IS NULL
        AND t_status IS NULL
        AND t_note IS NULL
        AND t_doc_date IS NULL
        AND t_received IS NULL
        AND t_due IS NULL
        AND t_due_adjusted IS NULL
        AND t_done IS NULL
        AND p_doc_date IS NULL
        AND p_received IS NULL
        AND p_due IS NULL
        AND p_due_adjusted IS NULL
        AND p_done IS NULL
        AND label IS NULL) AS is_blank
-- no ORDER BY: the rows come in the sheet's order (a projection of one Arrow scan, DuckDB's insertion order);
-- sorting them held every row twice (records._base_frame checks the order)
FROM typed
