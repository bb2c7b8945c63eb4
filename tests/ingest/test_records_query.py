"""The records queries (queries/ingest/records_<kind>.sql) read a column by the type the reader gave it: text is
cleaned and parsed, a typed date or Excel serial number is used as it is, other types are read as their text; a
field without a column is empty, a Biểu 06 count without a column unknown (not 0)."""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from oversight import sql
from oversight.ingest import load, records
from oversight.ingest.columns import Mapping
from oversight.ingest.headers import HeaderBlock


def _frame(table: pa.Table, kind: str, columns: dict[str, int], start: int) -> pd.DataFrame:
    block = HeaderBlock(0, 0, None, start, {0: ["Tiêu đề"]}, Mapping(kind, columns))
    return records._base_frame(duckdb.connect(), table, block, kind).set_index("__row")


def test_a_task_list_read_by_column_type():
    table = pa.table(
        {
            "c0": pa.array(["Nội dung", "Rà soát  hồ sơ ", "Tổng cộng", None], pa.string()),
            "c1": pa.array(["Đơn vị", "Sở Tư pháp", None, None], pa.string()),
            "c2": pa.array([None, 45000.5, 0.0, None], pa.float64()),
            "c3": pa.array([None, dt.datetime(2025, 3, 1, 8, 30), None, None], pa.timestamp("ms")),
            "c4": pa.array([None, True, False, None], pa.bool_()),
            "c5": pa.nulls(4),
            "c6": pa.array(["Ngày xong", "01/02/2025", "x", None], pa.string()),
            "__row": pa.array([3, 4, 5, 6], pa.int32()),
        }
    )
    columns = {"content": 0, "unit": 1, "due": 2, "received": 3, "note": 4, "field": 5, "done": 6, "doc_number": 9}
    df = _frame(table, "tasks", columns, start=4)
    assert df.index.tolist() == [4, 5, 6]  # rows above the data start are not read
    assert df.loc[4, "t_content"] == "Rà soát hồ sơ" and df.loc[4, "label"] == "Rà soát hồ sơ"
    assert df.loc[4, "t_due"] == "45000.5" and df.loc[4, "d_due"] == pd.Timestamp("2023-03-15 12:00")
    assert pd.isna(df.loc[5, "t_due"]) and pd.isna(df.loc[5, "d_due"])  # 0 is no Excel date
    assert df.loc[4, "t_received"] == "01/03/2025 08:30:00"
    assert df.loc[4, "d_received"] == pd.Timestamp("2025-03-01 08:30")
    assert df.loc[4, "t_note"] == "true" and df.loc[5, "t_note"] == "false"
    assert df["t_field"].isna().all() and df["t_doc_number"].isna().all()
    assert df.loc[4, "d_done"] == pd.Timestamp("2025-02-01") and pd.isna(df.loc[5, "d_done"])
    assert df.loc[4, "key_text"] == "|ra soat ho so"
    assert df["is_total"].tolist() == [False, True, False]
    assert df["is_blank"].tolist() == [False, False, True]


def test_a_bieu06_sheet_counts_by_column_type():
    table = pa.table(
        {
            "c0": pa.array(["Sở Tư pháp", "I. Sở, ban, ngành", "Tổng cộng"], pa.string()),
            "c1": pa.array(["1.234", "-", None], pa.string()),
            "c2": pa.array([5.0, -3.0, None], pa.float64()),
            "c3": pa.array([dt.datetime(2025, 3, 1), None, None], pa.timestamp("ms")),
            "c4": pa.nulls(3),
            "__row": pa.array([7, 8, 9], pa.int32()),
        }
    )
    columns = {"unit": 0, "cases_total": 1, "cases_resolved": 2, "cases_pending": 3, "cases_new_online": 4}
    df = _frame(table, "case_stats", columns, start=7)
    assert df["n_cases_total"].tolist() == [1234, 0, 0]
    assert df.loc[7, "n_cases_resolved"] == 5 and pd.isna(df.loc[8, "n_cases_resolved"])  # -3 is no count
    assert pd.isna(df.loc[7, "n_cases_pending"]) and df.loc[8, "n_cases_pending"] == 0  # a date is no count
    assert df["n_cases_new_online"].tolist() == [0, 0, 0]  # an empty column: 0
    assert df["n_cases_carried_over"].isna().all()  # no column: unknown
    assert df["is_section"].tolist() == [False, True, False]
    assert df["is_total"].tolist() == [False, False, True]


def test_a_sheet_without_columns_reads_blank_rows():
    table = pa.table({"__row": pa.array([0, 1], pa.int32())})
    df = _frame(table, "cases", {}, start=0)
    assert df["is_blank"].tolist() == [True, True]
    assert df["label"].isna().all()


def test_the_cell_macros_are_the_value_expressions():
    """queries/ingest/records_macros.sql holds oversight.ingest.values' expressions (tested in test_mapping) as
    they are: a change to one of them must be made in both."""
    from oversight.ingest.values import column_sql, date_sql, fold_sql, int_sql, text_sql

    macros = records.RECORDS_MACROS.read_text(encoding="utf-8")
    for name, expression in {
        "clean_text": text_sql("x"),
        "fold_text": fold_sql("x"),
        "parse_date": date_sql("x"),
        "parse_count": int_sql("x"),
    }.items():
        assert f"CREATE OR REPLACE TEMP MACRO {name}(x) AS {expression};" in macros, name
    lanes = {"o": pa.bool_(), "t": pa.timestamp("ms"), "n": pa.float64()}
    for lane, arrow_type in lanes.items():
        for part in ("text", "date"):
            expression = column_sql("X", arrow_type)[part]
            assert expression is None or expression.replace('"X"', f"c.{lane}") in macros, (lane, part)


@pytest.mark.parametrize("kind", sorted(load.ROWS_INSERT))
def test_each_rows_insert_stores_every_column_the_records_carry(kind):
    """queries/ingest/rows_insert_<table>.sql names its columns (a table name is never formatted into SQL): a column
    added to records.DB_COLUMNS but not to the file would be dropped silently."""
    text = sql.load_sql(load.ROWS_INSERT[kind])
    inserted = re.search(r"INSERT INTO \w+ \(([^)]*)\)", text).group(1)
    selected = re.search(r"SELECT (.*?)\s+FROM new_rows", text, re.S).group(1)
    columns = [c.strip() for c in inserted.split(",")]
    assert columns == ["upload_id", *records.DB_COLUMNS[kind]]
    assert [c.strip() for c in selected.split(",")] == ["$id", *records.DB_COLUMNS[kind]]


def _case_sheet(rows: int, chunk: int) -> pa.Table:
    """A case list of `rows` rows in record batches of `chunk` rows (a total row and a signature row at the end)."""
    codes = [f"HS-{i:06d}" for i in range(rows - 2)] + ["Tổng cộng", "Người lập biểu"]
    units = ["Sở Tư pháp"] * (rows - 2) + [None, None]
    days = [dt.datetime(2025, 3, 1) + dt.timedelta(hours=i) for i in range(rows - 2)] + [None, None]
    table = pa.table(
        {
            "c0": pa.array(codes, pa.string()),
            "c1": pa.array(units, pa.string()),
            "c2": pa.array(days, pa.timestamp("ms")),
            "__row": pa.array(range(5, rows + 5), pa.int32()),
        }
    )
    return pa.Table.from_batches(table.to_batches(max_chunksize=chunk))


@pytest.mark.parametrize("kind", sorted(records.RECORDS_QUERY))
def test_the_records_queries_keep_the_sheets_order_without_sorting(kind):
    """The records queries have no ORDER BY (sorting held every row twice): the rows come out in the sheet's order
    because DuckDB keeps a scan's order, also over many record batches read by several threads."""
    table = _case_sheet(60_000, 1_000)
    block = HeaderBlock(0, 0, None, 5, {0: ["Mã hồ sơ"]}, Mapping(kind, {"unit": 1}))
    con = duckdb.connect()
    con.execute("SET threads = 4")
    cur = con.cursor()
    sql.script(cur, records.RECORDS_MACROS)
    cur.register("raw_rows", records._raw_rows(table, block, kind))
    params = {"start": 5, "total_re": records.TOTAL_RE, "section_re": records.SECTION_RE}
    params |= {"footer_re": records.FOOTER_RE, "section_name_re": records.SECTION_NAME_RE}
    rows = sql.arrow(cur, records.RECORDS_QUERY[kind], **params).column("__row").to_pylist()
    assert rows == list(range(5, 60_005))


def test_rows_returned_out_of_order_are_put_back_in_the_sheets_order(monkeypatch):
    """Should DuckDB ever return the rows in another order, _base_frame sorts them: the signature block is found by
    the sheet's order (everything below its first row is skipped)."""
    table = _case_sheet(50, 7)
    columns = {"case_code": 0, "unit": 1, "received": 2}
    expected = _frame(table, "cases", columns, start=5)
    real = sql.arrow
    monkeypatch.setattr(records.sql, "arrow", lambda *a, **k: real(*a, **k).take(pa.array(range(49, -1, -1))))
    shuffled = _frame(table, "cases", columns, start=5)
    assert shuffled.index.tolist() == list(range(5, 55))
    pd.testing.assert_frame_equal(shuffled, expected)
    assert shuffled["is_total"].tolist()[-2:] == [True, False] and shuffled["is_footer"].tolist()[-1]
