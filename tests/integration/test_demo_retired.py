"""Demo data is never counted with real data (METRICS.md section 7): the demo database (August - October 2025 loaded
through ingestion as the demo) plus one real case list for September 2025, all through the real command line.

The real file, computed by hand (calendar month, as_of = end of 30/09/2025):

  HS-0901  UBND xã Long Phước  received 03/09 08:00 online,  due 10/09 16:00, done 08/09 09:00 -> resolved early
  HS-0902  Xã Long Phước       received 04/09 08:00 direct,  due 11/09 16:00, done 15/09 10:00 -> resolved late
  HS-0903  UBND xã Long Phước  received 20/09 09:00 direct,  due 25/09 16:00, open              -> pending overdue
  HS-0904  Sở Tư pháp          received 05/09 08:00 online,  due 12/09 16:00, done 12/09 10:00 -> resolved on time
  HS-0905  Sở Tư pháp          received 25/09 09:00 postal,  due 06/10 16:00, open              -> pending on time

  Xã Long Phước: total 3 = 1 online + 2 offline; resolved 2 (early 1, late 1); pending 1 (overdue 1);
                 late rate (1 + 1) / 3; 766 progress (1 + 0 + 0) / 3
  Sở Tư pháp:    total 2 = 1 online + 1 offline; resolved 1 (on time 1); pending 1 (on time 1); late rate 0
  Province:      5 cases, no task, no feedback. August 2025 (the demo's only) has no data at all.
"""

from __future__ import annotations

import io
import json
import shutil
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from oversight import bootstrap, metrics
from oversight import db as dbmod
from oversight.cli import main
from tests.metrics.helpers import span

SEP = (date(2025, 9, 1), date(2025, 9, 30))
AUG = (date(2025, 8, 1), date(2025, 8, 31))
CASE_FIELDS = (
    "cases_total", "cases_new_online", "cases_new_offline", "cases_carried_over", "cases_resolved",
    "cases_resolved_early", "cases_resolved_on_time", "cases_resolved_late", "cases_pending",
    "cases_pending_on_time", "cases_pending_overdue",
)  # fmt: skip
HEADER = ["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan giải quyết", "Ngày tiếp nhận",
          "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái", "Hình thức nộp"]  # fmt: skip
ROWS = [
    [1, "HS-0901", "Đăng ký khai sinh", "Hộ tịch", "UBND xã Long Phước", datetime(2025, 9, 3, 8), datetime(2025, 9, 10, 16), datetime(2025, 9, 8, 9), "Đã trả kết quả", "Trực tuyến"],
    [2, "HS-0902", "Đăng ký khai sinh", "Hộ tịch", "Xã Long Phước", datetime(2025, 9, 4, 8), datetime(2025, 9, 11, 16), datetime(2025, 9, 15, 10), "Trả kết quả trễ hạn", "Trực tiếp"],
    [3, "HS-0903", "Cấp giấy phép xây dựng", "Xây dựng", "UBND xã Long Phước", datetime(2025, 9, 20, 9), datetime(2025, 9, 25, 16), None, "Đang giải quyết", "Trực tiếp"],
    [4, "HS-0904", "Đăng ký kết hôn", "Hộ tịch", "Sở Tư pháp", datetime(2025, 9, 5, 8), datetime(2025, 9, 12, 16), datetime(2025, 9, 12, 10), "Đã trả kết quả", "Trực tuyến"],
    [5, "HS-0905", "Chứng thực bản sao", "Chứng thực", "Sở Tư pháp", datetime(2025, 9, 25, 9), datetime(2025, 10, 6, 16), None, "Đang giải quyết", "Dịch vụ bưu chính công ích"],
]  # fmt: skip
REFUSAL = "Không nạp lại dữ liệu minh họa: cơ sở dữ liệu đang có 1 lần tải lên dữ liệu thật đang hiệu lực."


def real_case_list(path) -> None:
    """A case list as the one-stop system exports it: title rows, the header, the cases, a signature."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách hồ sơ"
    ws.append(["UBND TỈNH ĐỒNG NAI"])
    ws.append(["DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH"])
    ws.append(["Từ ngày 01/09/2025 đến ngày 30/09/2025"])
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    ws.append([])
    ws.append([None, None, None, None, None, None, None, "NGƯỜI LẬP BIỂU"])
    wb.save(path)


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def metrics_json(capsys, db, start: date, end: date) -> list[dict]:
    code, out, _ = cli(capsys, "metrics", "--db", db, "--from", start.isoformat(), "--to", end.isoformat())
    assert code == 0
    return json.loads(out)


def with_data(records: list[dict]) -> dict[str, dict]:
    return {r["unit_name"]: r for r in records if any(r[c] for c in ("cases_total", "tasks_total", "feedback_total"))}


@pytest.fixture
def db(demo_db_template, tmp_path) -> str:
    path = tmp_path / "oversight.duckdb"
    shutil.copy(demo_db_template, path)
    return str(path)


@pytest.fixture
def real_file(tmp_path):
    path = tmp_path / "ho_so_thang_09_2025.xlsx"
    real_case_list(path)
    return path


def test_after_the_first_real_upload_only_real_data_counts(db, real_file, capsys):
    demo_august = with_data(metrics_json(capsys, db, *AUG))
    assert len(demo_august) > 50  # the demo's own figures, before any real data
    con = dbmod.open_database(db)
    assert bootstrap.is_demo(con) and bootstrap.demo_retired_on(con) is None
    con.close()

    code, out, _ = cli(capsys, "ingest", "--db", db, str(real_file))
    assert code == 0
    assert "Đã nạp: 5 dòng" in out
    assert "Dữ liệu minh họa (12 lần tải lên) đã được gỡ khỏi số liệu: từ nay chỉ tính dữ liệu thật." in out

    september = metrics_json(capsys, db, *SEP)
    counted = with_data(september)
    assert set(counted) == {"Xã Long Phước", "Sở Tư pháp"}
    long_phuoc, tu_phap = counted["Xã Long Phước"], counted["Sở Tư pháp"]
    assert [long_phuoc[c] for c in CASE_FIELDS] == [3, 1, 2, 0, 2, 1, 0, 1, 1, 0, 1]
    assert long_phuoc["cases_late_rate"] == pytest.approx(2 / 3)
    assert long_phuoc["cases_766_progress_ratio"] == pytest.approx(1 / 3)
    assert [tu_phap[c] for c in CASE_FIELDS] == [2, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0]
    assert tu_phap["cases_late_rate"] == 0
    assert long_phuoc["unit_code"] == "26413"
    # every unit that existed in September is listed, the others with zeros and no rates, ranks or scores
    assert len(september) == 113
    others = [r for r in september if r["unit_name"] not in counted]
    assert all(r["cases_late_rate"] is None and r["rank"] is None and r["score"] is None for r in others)

    # August: the demo's only month now reports no data
    august = metrics_json(capsys, db, *AUG)
    assert with_data(august) == {} and len(august) == 113
    assert all(r["cases_late_rate"] is None and r["tasks_overdue_rate"] is None for r in august)

    con = dbmod.open_database(db)
    try:
        kpis = metrics.province_kpis(con, span(*SEP))
        assert (kpis["cases_total"], kpis["tasks_total"], kpis["feedback_total"]) == (5, 0, 0)
        assert metrics.province_kpis(con, span(*AUG))["cases_total"] == 0
        # a case list declares no period: its items span 03/09 (first received) .. 25/09 (last received or done);
        # the demo's August and October no longer widen it
        assert metrics.data_range(con) == (date(2025, 9, 3), date(2025, 9, 25))
        assert not bootstrap.is_demo(con)
        assert bootstrap.demo_retired_on(con) == date.today()
    finally:
        con.close()


def test_uploads_list_marks_the_demo_as_not_counted(db, real_file, capsys):
    cli(capsys, "ingest", "--db", db, str(real_file))
    code, out, _ = cli(capsys, "uploads", "--db", db, "list", "--format", "json")
    assert code == 0
    listed = json.loads(out)
    assert len(listed) == 13
    contract = {"id", "file_name", "kind", "period_from", "period_to", "sha256", "rows_loaded", "rows_rejected",
                "state", "uploaded_at"}  # fmt: skip
    assert all(contract <= set(u) for u in listed)
    real, demo = listed[0], listed[1:]
    assert (real["file_name"], real["state"], real["demo"], real["counted"]) == (real_file.name, "active", False, True)
    assert all((u["state"], u["demo"], u["counted"]) == ("demo_retired", True, False) for u in demo)
    assert all(u["demo_retired_by"] == real["id"] for u in demo)
    code, out, _ = cli(capsys, "uploads", "--db", db, "list")
    assert out.count("demo_retired") == 12


def test_the_demo_comes_back_only_into_a_database_without_real_data(db, real_file, capsys):
    before = with_data(metrics_json(capsys, db, *AUG))
    cli(capsys, "ingest", "--db", db, str(real_file))
    listed = json.loads(cli(capsys, "uploads", "--db", db, "list", "--format", "json")[1])
    real_id, demo_id = listed[0]["id"], listed[1]["id"]

    # refused while real data is active, from the command line and from the API
    code, _, err = cli(capsys, "demo", "--load", "--db", db)
    assert code == 1 and REFUSAL in err
    con = dbmod.open_database(db)
    with pytest.raises(bootstrap.DemoRefused, match=REFUSAL):
        bootstrap.bring_back_demo(con)
    con.close()
    # a retired demo upload is not rolled back: there is nothing of it to take out
    code, _, err = cli(capsys, "uploads", "--db", db, "rollback", str(demo_id))
    assert code == 1
    assert f"Lần tải lên số {demo_id} là dữ liệu minh họa đã được gỡ khỏi số liệu khi tải dữ liệu thật" in err

    # rolling back the only real upload does not bring the demo back by itself
    assert cli(capsys, "uploads", "--db", db, "rollback", str(real_id))[0] == 0
    assert with_data(metrics_json(capsys, db, *AUG)) == {}
    assert with_data(metrics_json(capsys, db, *SEP)) == {}
    con = dbmod.open_database(db)
    assert not bootstrap.is_demo(con) and bootstrap.demo_retired_on(con) == date.today()
    con.close()

    # an admin brings it back into the database without real data: the demo's figures exactly as before
    code, out, _ = cli(capsys, "demo", "--load", "--db", db)
    assert code == 0 and "Đã nạp dữ liệu minh họa: 12 lần tải lên được tính vào số liệu." in out
    assert with_data(metrics_json(capsys, db, *AUG)) == before
    con = dbmod.open_database(db)
    assert bootstrap.is_demo(con) and bootstrap.demo_retired_on(con) is None
    assert bootstrap.load_demo(con) == []  # already counted: nothing to do
    con.close()
    code, out, _ = cli(capsys, "demo", "--load", "--db", db)
    assert code == 0 and "Dữ liệu minh họa đang được tính; không thay đổi gì." in out


def test_the_brief_and_workbook_of_a_demo_only_month_show_nothing_of_the_demo(db, real_file, capsys):
    """The brief (PDF, Word, printable page) and the ranking workbook read the same metrics: August 2025 shows
    nothing of the demo any more, September the real figures only: late rate (1 + 1) / 5 = 40 %, 766 progress
    (1 early + 1 on time + 1 pending on time) / 5 = 12/20."""
    from openpyxl import load_workbook

    from oversight import brief, exports, periods

    august = periods.month_containing(AUG[0], periods.CALENDAR)
    september = periods.month_containing(SEP[0], periods.CALENDAR)
    con = dbmod.open_database(db)
    assert len(brief.brief_content(con, august).worst) == brief.WORST_LIMIT  # the demo's August, before real data
    con.close()
    cli(capsys, "ingest", "--db", db, str(real_file))
    con = dbmod.open_database(db)
    try:
        content = brief.brief_content(con, august)
        assert content.worst == []
        lines = content.text().splitlines()
        assert "Tỷ lệ hồ sơ TTHC trễ hạn | — | — | —" in lines
        assert "Hồ sơ TTHC giải quyết quá hạn | 0 | 0 | ±0" in lines
        assert "Xếp hạng 0 đơn vị, không có đơn vị xếp loại Yếu; 113 đơn vị không có số liệu trong kỳ." in lines
        lines = brief.brief_content(con, september).text().splitlines()
        assert "Tỷ lệ hồ sơ TTHC trễ hạn | 40,0 % | — | —" in lines
        assert "Điểm tiến độ giải quyết TTHC (QĐ 766) | 12,00/20 | — | —" in lines
        assert (
            "Xếp hạng 0 đơn vị, không có đơn vị xếp loại Yếu; 2 đơn vị chưa đủ số liệu để xếp hạng; "
            "111 đơn vị không có số liệu trong kỳ." in lines
        )
        sheet = load_workbook(io.BytesIO(exports.ranking_workbook(con, august)))["Cấp xã"]
        cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
        assert cells.count("Xã Long Phước") == 1  # today's commune, listed once, not ranked; the old one not at all
    finally:
        con.close()
