-- The cell macros of the records queries (queries/ingest/records_<kind>.sql), created on the cursor that runs
-- them. A cell comes as a STRUCT of four lanes chosen by its column's type (oversight.ingest.records._cells):
-- s text, o another type (boolean, duration, ...), t a date or timestamp, n a number; the other lanes are NULL.
-- A field without a column is a NULL struct. Cleaning, date and number parsing: as oversight.ingest.values.

-- Text as written: NFC, every kind of space collapsed, trimmed; '' → NULL (values.text_sql).
CREATE OR REPLACE TEMP MACRO clean_text(x) AS nullif(CASE WHEN regexp_matches(x, '[\x{0300}-\x{036F}\t\n\r\x{00A0}\x{200B}\x{FEFF}\x{2007}\x{202F}]|\s\s|^\s|\s$') THEN trim(regexp_replace(nfc_normalize(x), '[\s\x{00A0}\x{200B}\x{FEFF}\x{2007}\x{202F}]+', ' ', 'g')) ELSE x END, '');

-- Lower case, no diacritics, Đ/đ → d (values.fold_sql).
CREATE OR REPLACE TEMP MACRO fold_text(x) AS strip_accents(lower(replace(replace(x, 'Đ', 'd'), 'đ', 'd')));

-- A TIMESTAMP from cell text, NULL when empty or unreadable (values.date_sql).
CREATE OR REPLACE TEMP MACRO parse_date(x) AS CASE
        WHEN x IS NULL THEN NULL
        WHEN regexp_full_match(x, '\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?')
            THEN try_cast(x AS TIMESTAMP)
        WHEN regexp_full_match(x, '\d{5}(\.\d+)?')
             AND try_cast(x AS DOUBLE) BETWEEN 25569 AND 73051
            THEN TIMESTAMP '1899-12-30'
                 + to_seconds(CAST(round(try_cast(x AS DOUBLE) * 86400) AS BIGINT))
        ELSE try_strptime(trim(regexp_replace(regexp_replace(x, '(\d)\s*[hH]\s*(\d)', '\1:\2', 'g'), '\s*[,;]\s*|\s+-\s+|\s+lúc\s+|\s+ngày\s+|^ngày\s+|^lúc\s+', ' ', 'g')), ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y', '%d-%m-%Y %H:%M:%S', '%d-%m-%Y %H:%M', '%d-%m-%Y', '%d.%m.%Y %H:%M', '%d.%m.%Y', '%H:%M:%S %d/%m/%Y', '%H:%M %d/%m/%Y', '%H:%M %d-%m-%Y', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d'])
    END;

-- A non-negative count from cell text: empty and '-' are 0; NULL when unreadable (values.int_sql).
CREATE OR REPLACE TEMP MACRO parse_count(x) AS CASE
        WHEN x IS NULL OR x IN ('-', '–', '—') THEN 0
        WHEN regexp_full_match(x, '\d+') THEN try_cast(x AS BIGINT)
        WHEN regexp_full_match(x, '\d{1,3}([.,  ]\d{3})+') THEN try_cast(regexp_replace(x, '[^0-9]', '', 'g') AS BIGINT)
        WHEN regexp_full_match(x, '\d+[.,]0+') THEN try_cast(regexp_replace(x, '[.,]0+$', '') AS BIGINT)
        ELSE NULL
    END;

-- A cell's text, whatever its lane (values.column_sql "text").
CREATE OR REPLACE TEMP MACRO cell_text(c) AS coalesce(
    clean_text(c.s),
    nullif(trim(CAST(c.o AS VARCHAR)), ''),
    strftime(CAST(c.t AS TIMESTAMP), '%d/%m/%Y %H:%M:%S'),
    CASE WHEN c.n = trunc(c.n) AND abs(c.n) < 1e15 THEN CAST(CAST(c.n AS BIGINT) AS VARCHAR) ELSE CAST(c.n AS VARCHAR) END
);

-- A cell's date when its column is typed (a date, or an Excel serial number); NULL for text (values.column_sql "date").
CREATE OR REPLACE TEMP MACRO cell_date(c) AS coalesce(
    CAST(c.t AS TIMESTAMP),
    CASE WHEN c.n >= 1 THEN TIMESTAMP '1899-12-30' + to_seconds(CAST(round(least(c.n, 2958465.999988426) * 86400) AS BIGINT)) END
);

-- The text of a date field: a typed cell's text only when it holds a date.
CREATE OR REPLACE TEMP MACRO date_text(c) AS
    CASE WHEN c.s IS NOT NULL OR c.o IS NOT NULL OR cell_date(c) IS NOT NULL THEN cell_text(c) END;

-- The count of a typed cell: a number (0 when empty) or NULL (values.column_sql "int"); text cells are parsed from
-- their text as written (parse_count); a field without a column is NULL.
CREATE OR REPLACE TEMP MACRO cell_count(c, written) AS CASE
    WHEN c IS NULL THEN NULL::BIGINT
    WHEN c.t IS NOT NULL THEN NULL
    WHEN c.n IS NOT NULL THEN CASE WHEN c.n >= 0 AND c.n = trunc(c.n) THEN CAST(c.n AS BIGINT) END
    ELSE parse_count(written)
END;
