"""Tables downloaded as CSV: read back as Excel would, formulas neutralised, the download audited."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from oversight import access, exports


def test_csv_neutralises_formulas_and_keeps_vietnamese_text(con):
    frame = pd.DataFrame(
        {
            "Đơn vị": ["Xã Long Phước", '=HYPERLINK("http://x")', "@SUM(A1)", "-1+2", "+84 912"],
            "Số hồ sơ": [12, 3, 0, 1, None],
        }
    )
    content = exports.table_csv(con, frame, "thu.csv")
    assert content.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with a BOM as Unicode
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["Đơn vị", "Số hồ sơ"]
    assert [r[0] for r in rows[1:]] == [
        "Xã Long Phước",
        '\'=HYPERLINK("http://x")',
        "'@SUM(A1)",
        "'-1+2",
        "'+84 912",
    ]
    assert [r[1] for r in rows[1:]] == ["12.0", "3.0", "0.0", "1.0", ""]
    audit = con.execute("SELECT actor, action, target FROM audit_log").fetchall()
    assert audit == [("cli:pytest", "export", "thu.csv")]


def test_csv_needs_the_export_permission(con):
    with access.acting_as(access.Principal(name="moi", role=None)), pytest.raises(access.AccessDenied):
        exports.table_csv(con, pd.DataFrame({"a": [1]}), "x.csv")
