-- The rows of a Biểu 06 sheet below its header, cleaned and typed, each marked blank, total, section or signature
-- block (oversight.ingest.records). Reads raw_rows: the sheet's columns c0, c1, ... (and c, always NULL), __row, and
-- per field a cell struct f_<field> (lead_1, lead_2: the first two header columns), queries/ingest/records_macros.sql.
WITH cells AS (
    SELECT
        *,
        cell_text(f_unit) AS t_unit,
        cell_text(f_cases_total) AS t_cases_total,
        cell_text(f_cases_new_online) AS t_cases_new_online,
        cell_text(f_cases_new_offline) AS t_cases_new_offline,
        cell_text(f_cases_carried_over) AS t_cases_carried_over,
        cell_text(f_cases_resolved) AS t_cases_resolved,
        cell_text(f_cases_resolved_early) AS t_cases_resolved_early,
        cell_text(f_cases_resolved_on_time) AS t_cases_resolved_on_time,
        cell_text(f_cases_resolved_late) AS t_cases_resolved_late,
        cell_text(f_cases_pending) AS t_cases_pending,
        cell_text(f_cases_pending_on_time) AS t_cases_pending_on_time,
        cell_text(f_cases_pending_overdue) AS t_cases_pending_overdue,
        coalesce(cell_text(lead_1), cell_text(lead_2)) AS label
    FROM raw_rows WHERE __row >= $start
),
candidates AS (
    -- only rows that may be a total, section or signature row get their text folded and tested: in an item list
    -- those lack the item key or the unit, or repeat the label in the key; Biểu 06 rows are few
    SELECT *, TRUE AS maybe FROM cells
),
src AS (
    SELECT
        __row,
        label,
        t_unit,
        t_cases_total,
        cell_count(f_cases_total, t_cases_total) AS n_cases_total,
        t_cases_new_online,
        cell_count(f_cases_new_online, t_cases_new_online) AS n_cases_new_online,
        t_cases_new_offline,
        cell_count(f_cases_new_offline, t_cases_new_offline) AS n_cases_new_offline,
        t_cases_carried_over,
        cell_count(f_cases_carried_over, t_cases_carried_over) AS n_cases_carried_over,
        t_cases_resolved,
        cell_count(f_cases_resolved, t_cases_resolved) AS n_cases_resolved,
        t_cases_resolved_early,
        cell_count(f_cases_resolved_early, t_cases_resolved_early) AS n_cases_resolved_early,
        t_cases_resolved_on_time,
        cell_count(f_cases_resolved_on_time, t_cases_resolved_on_time) AS n_cases_resolved_on_time,
        t_cases_resolved_late,
        cell_count(f_cases_resolved_late, t_cases_resolved_late) AS n_cases_resolved_late,
        t_cases_pending,
        cell_count(f_cases_pending, t_cases_pending) AS n_cases_pending,
        t_cases_pending_on_time,
        cell_count(f_cases_pending_on_time, t_cases_pending_on_time) AS n_cases_pending_on_time,
        t_cases_pending_overdue,
        cell_count(f_cases_pending_overdue, t_cases_pending_overdue) AS n_cases_pending_overdue,
        CASE WHEN maybe THEN fold_text(concat_ws(' ', *COLUMNS('^c[0-9]*$'))) END AS row_text,
        CASE WHEN maybe THEN fold_text(label) END AS flabel
    FROM candidates
),
typed AS (
    SELECT
        *
    FROM src
)
SELECT
    __row,
    label,
    t_unit,
    t_cases_total,
    t_cases_new_online,
    t_cases_new_offline,
    t_cases_carried_over,
    t_cases_resolved,
    t_cases_resolved_early,
    t_cases_resolved_on_time,
    t_cases_resolved_late,
    t_cases_pending,
    t_cases_pending_on_time,
    t_cases_pending_overdue,
    n_cases_total,
    n_cases_new_online,
    n_cases_new_offline,
    n_cases_carried_over,
    n_cases_resolved,
    n_cases_resolved_early,
    n_cases_resolved_on_time,
    n_cases_resolved_late,
    n_cases_pending,
    n_cases_pending_on_time,
    n_cases_pending_overdue,
    coalesce(regexp_matches(flabel, $total_re), false) AS is_total,
    coalesce(regexp_matches(flabel, $section_re) OR regexp_matches(flabel, $section_name_re) OR regexp_matches(fold_text(t_unit), $section_name_re),
        false) AS is_section,
    coalesce(regexp_matches(row_text, $footer_re), false) AS is_footer,
    (t_unit IS NULL
        AND t_cases_total IS NULL
        AND t_cases_new_online IS NULL
        AND t_cases_new_offline IS NULL
        AND t_cases_carried_over IS NULL
        AND t_cases_resolved IS NULL
        AND t_cases_resolved_early IS NULL
        AND t_cases_resolved_on_time IS NULL
        AND t_cases_resolved_late IS NULL
        AND t_cases_pending IS NULL
        AND t_cases_pending_on_time IS NULL
        AND t_cases_pending_overdue IS NULL
        AND label IS NULL) AS is_blank
-- no ORDER BY: the rows come in the sheet's order (a projection of one Arrow scan, DuckDB's insertion order);
-- sorting them held every row twice (records._base_frame checks the order)
FROM typed
