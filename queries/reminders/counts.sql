-- Per unit, the entries not withdrawn whose letter is dated in [$date_from, $date_to], by level ($allowed: the
-- reader's units, NULL = every unit). Units without such entries are not listed.
SELECT
    r.unit_id,
    count(*) AS reminders_total,
    count(*) FILTER (WHERE r.level = 'nhac_nho') AS reminders_nhac_nho,
    count(*) FILTER (WHERE r.level = 'phe_binh') AS reminders_phe_binh,
    count(*) FILTER (WHERE r.level = 'kiem_diem') AS reminders_kiem_diem,
    string_agg(DISTINCT r.letter_number, '; ' ORDER BY r.letter_number)
        FILTER (WHERE r.letter_number IS NOT NULL) AS letter_numbers
FROM reminders r
WHERE ($allowed IS NULL OR list_contains(cast($allowed AS INTEGER[]), r.unit_id))
    AND r.withdrawn_at IS NULL
    AND r.letter_date BETWEEN $date_from AND $date_to
GROUP BY r.unit_id
ORDER BY r.unit_id
