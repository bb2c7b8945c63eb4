"""Administration of the unit registry (oversight.units: browse, pending, departments, merges): browsing both
eras, lineage, the names uploads rejected as unknown, confirming and rejecting them, adding a department, merging
two units and undoing it. Every action is checked against the database before and after."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from oversight import metrics
from oversight.ingest.load import rollback
from oversight.ingest.pipeline import ingest_file
from oversight.units import browse, departments, merges
from oversight.units.changes import AdminError
from oversight.units.matcher import UnitMatcher
from oversight.units.pending import awaiting_reupload, confirm, pending_names, reject, rejected_names, unreject
from tests.metrics.helpers import span

UNKNOWN_FILE = "ho_so_thang_10_2025.xlsx"


def unknown_unit_workbook() -> bytes:
    """A small October 2025 case list: two rows under a misspelt ward, one under a body that is no unit of
    the province, two rows under known units."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách hồ sơ"
    ws.append(["UBND TỈNH ĐỒNG NAI"])
    ws.append(["DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH"])
    ws.append(
        [
            "STT",
            "Mã hồ sơ",
            "Tên thủ tục hành chính",
            "Đơn vị giải quyết",
            "Ngày tiếp nhận",
            "Ngày hẹn trả",
            "Ngày có kết quả",
            "Trạng thái",
        ]
    )
    units = [
        "UBND xã Long Phước",
        "UBND phường Trấn Biên mới",
        "UBND phường Trấn Biên mới",
        "Ngân hàng ABC chi nhánh Biên Hòa",
        "P. Trấn Biên",
    ]
    for i, unit in enumerate(units, 1):
        received, due = datetime(2025, 10, i + 1, 8), datetime(2025, 10, i + 12, 17)
        ws.append(
            [
                i,
                f"000.00.{i:02d}.H19-251001-{i:04d}",
                "Cấp giấy phép xây dựng",
                unit,
                received,
                due,
                None,
                "Đang giải quyết",
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def rejected(con, tmp_path) -> int:
    path = tmp_path / UNKNOWN_FILE
    path.write_bytes(unknown_unit_workbook())
    plan, result = ingest_file(con, path, user="Nguyễn Văn A")
    assert result.upload_id is not None and result.rows_loaded == 2 and result.rows_rejected == 3, plan.error
    return result.upload_id


def unit_id(con, name: str, current: bool = True) -> int:
    cond = "valid_to IS NULL" if current else "valid_to IS NOT NULL"
    rows = con.execute(f"SELECT unit_id FROM units WHERE name = ? AND {cond}", [name]).fetchall()
    assert len(rows) == 1, (name, rows)
    return rows[0][0]


def aliases(con, uid: int) -> set[tuple[str, str]]:
    return set(con.execute("SELECT alias, source FROM unit_aliases WHERE unit_id = ?", [uid]).fetchall())


# ------------------------------------------------------------------------------------------------ browsing


def test_registry_frame_by_era_group_and_search(con):
    new = browse.registry_frame(con, era="new", group="commune")
    old = browse.registry_frame(con, era="old", group="commune")
    assert len(new) == 95 and len(old) == 270
    assert set(new["type"]) == {"Xã", "Phường"}
    assert list(new.columns) == [
        "unit_id",
        "code",
        "name",
        "type",
        "group",
        "parent",
        "valid_from",
        "valid_to",
        "aliases",
        "predecessors",
        "successors",
        "is_split",
        "merged_into",
        "source",
    ]
    tran_bien = new[new["name"] == "Phường Trấn Biên"].iloc[0]
    assert tran_bien["valid_from"] == date(2025, 7, 1) and tran_bien["aliases"] >= 1
    assert {"Phường Quang Vinh", "Phường Trung Dũng", "Phường Bửu Long"} <= set(tran_bien["predecessors"].split(", "))
    quang_vinh = old[old["name"] == "Phường Quang Vinh"].iloc[0]
    assert quang_vinh["parent"] == "Thành phố Biên Hòa" and quang_vinh["successors"] == "Phường Trấn Biên"
    assert quang_vinh["valid_to"] == date(2025, 6, 30)
    # departments without dates belong to both eras; merged ones only to the old
    assert "Sở Tư pháp" in set(browse.registry_frame(con, era="old", group="department")["name"])
    assert "Sở Tư pháp" in set(browse.registry_frame(con, era="new", group="department")["name"])
    assert "Sở Kế hoạch và Đầu tư" not in set(browse.registry_frame(con, era="new", group="department")["name"])
    # search ignores accents and case and reads aliases too
    assert set(browse.registry_frame(con, search="tran bien")["name"]) == {"Phường Trấn Biên"}
    assert set(browse.registry_frame(con, search="KH&ĐT")["name"]) == {"Sở Kế hoạch và Đầu tư"}
    assert len(browse.registry_frame(con, era="old", group="district")) == 22


def test_lineage_of_a_new_ward_and_of_a_split_commune(con):
    tran_bien = unit_id(con, "Phường Trấn Biên")
    frame = browse.lineage_frame(con, tran_bien)
    assert set(frame["direction"]) == {"predecessor"}
    assert {"Phường Quang Vinh", "Phường Trung Dũng", "Phường Bửu Long"} <= set(frame["name"])
    line = browse.lineage_lines(con, tran_bien)[0]
    assert line.startswith("Phường Trấn Biên ← ") and "Phường Quang Vinh" in line and "Phường Trung Dũng" in line

    xuan_tam = unit_id(con, "Xã Xuân Tâm", current=False)
    succ = browse.lineage_frame(con, xuan_tam)
    assert list(zip(succ["name"], succ["is_default"], succ["is_split"], strict=True)) == [
        ("Xã Xuân Hòa", True, True),
        ("Xã Xuân Đông", False, True),
    ]
    assert browse.lineage_lines(con, xuan_tam) == [
        "Xã Xuân Tâm → Xã Xuân Hòa (nhận số liệu cũ), Xã Xuân Đông",
        "Xã Xuân Tâm được chia cho nhiều xã, phường mới; số liệu cũ tính cho Xã Xuân Hòa.",
    ]
    assert "Xã Xuân Tâm (một phần)" in browse.lineage_lines(con, unit_id(con, "Xã Xuân Đông"))[0]
    flagged = browse.registry_frame(con, era="old", group="commune")
    assert set(flagged[flagged["is_split"]]["name"]) == {"Xã Xuân Tâm"}


# ------------------------------------------------------------------------------- old data in "today" mode


def _upload(con, kind: str, file_name: str, start: date, end: date) -> int:
    return con.execute(
        "INSERT INTO uploads (kind, file_name, sha256, uploaded_by, period_from, period_to, rows_read, rows_loaded)"
        " VALUES (?, ?, md5(?), 'kiểm thử', ?, ?, 1, 1) RETURNING upload_id",
        [kind, file_name, file_name, start, end],
    ).fetchall()[0][0]


def _case(con, upload: int, row: int, uid: int, name: str, received: datetime, due: datetime) -> None:
    con.execute(
        "INSERT INTO cases (upload_id, source_row, case_code, unit_id, unit_name, channel, received, due,"
        " status_text, status_code) VALUES (?, ?, ?, ?, ?, 'online', ?, ?, 'Đang giải quyết', 'pending')",
        [upload, row, f"HS-{upload}-{row}", uid, name, received, due],
    )


def _units_with_cases(con, start: date, end: date, units: str) -> dict[str, int]:
    frame = metrics.unit_metrics(con, span(start, end), group="commune", units=units)
    frame = frame[frame["cases_total"] > 0]
    return dict(zip(frame["unit_name"], frame["cases_total"].astype(int), strict=True))


def test_an_old_wards_case_is_shown_under_its_new_ward_today(con):
    quang_vinh = unit_id(con, "Phường Quang Vinh", current=False)
    upload = _upload(con, "cases", "ho_so_05_2025.xlsx", date(2025, 5, 1), date(2025, 5, 31))
    _case(con, upload, 5, quang_vinh, "UBND phường Quang Vinh", datetime(2025, 5, 6, 9), datetime(2025, 5, 20, 17))
    may = (date(2025, 5, 1), date(2025, 5, 31))
    assert _units_with_cases(con, *may, units="reported") == {"Phường Quang Vinh": 1}
    assert _units_with_cases(con, *may, units="today") == {"Phường Trấn Biên": 1}


def test_a_split_communes_data_goes_to_its_default_successor(con):
    xuan_tam = unit_id(con, "Xã Xuân Tâm", current=False)
    upload = _upload(con, "cases", "ho_so_04_2025.xlsx", date(2025, 4, 1), date(2025, 4, 30))
    _case(con, upload, 7, xuan_tam, "UBND xã Xuân Tâm", datetime(2025, 4, 8, 9), datetime(2025, 4, 22, 17))
    _case(con, upload, 8, xuan_tam, "UBND xã Xuân Tâm", datetime(2025, 4, 9, 9), datetime(2025, 4, 23, 17))
    april = (date(2025, 4, 1), date(2025, 4, 30))
    assert _units_with_cases(con, *april, units="reported") == {"Xã Xuân Tâm": 2}
    assert _units_with_cases(con, *april, units="today") == {"Xã Xuân Hòa": 2}


# ---------------------------------------------------------------------------- pending names: confirm, reject


def test_pending_names_list_what_uploads_rejected_with_suggestions(con, rejected):
    pending = pending_names(con)
    assert list(pending["name"]) == ["UBND phường Trấn Biên mới", "Ngân hàng ABC chi nhánh Biên Hòa"]
    first = pending.iloc[0]
    assert first["rows"] == 2 and first["files"] == [UNKNOWN_FILE] and first["upload_ids"] == [rejected]
    assert first["on_day"] == date(2025, 10, 6)  # the upload's period ends with its last reception date
    assert first["suggestions"][0][0] == "Phường Trấn Biên" and first["suggestions"][0][2] > 85
    assert awaiting_reupload(con).empty


def test_confirm_records_the_alias_and_says_which_file_to_upload_again(con, rejected):
    tran_bien = unit_id(con, "Phường Trấn Biên")
    before = aliases(con, tran_bien)
    done = confirm(con, "UBND phường Trấn Biên mới", tran_bien, "Trần Thị B")
    assert done.rows == 2 and done.files == [UNKNOWN_FILE] and done.upload_ids == [rejected]
    assert done.message == (
        "Đã ghi nhận «UBND phường Trấn Biên mới» là Phường Trấn Biên. 2 dòng bị từ chối vì tên này sẽ được nạp"
        f" khi tải lại tệp «{UNKNOWN_FILE}» (lần tải lên số {rejected}) ở trang Tải dữ liệu; nếu tải lên đúng tệp"
        " cũ, trước hết hoàn tác lần tải lên đó ở mục Lịch sử tải lên."
    )
    assert aliases(con, tran_bien) - before == {("UBND phường Trấn Biên mới", "confirmed")}
    assert con.execute("SELECT created_by FROM unit_aliases WHERE alias = 'UBND phường Trấn Biên mới'").fetchall() == [
        ("Trần Thị B",)
    ]
    assert UnitMatcher(con).match("Phường Trấn Biên mới", date(2025, 10, 6)).unit_id == tran_bien
    assert list(pending_names(con)["name"]) == ["Ngân hàng ABC chi nhánh Biên Hòa"]
    waiting = awaiting_reupload(con)
    assert list(zip(waiting["name"], waiting["now_unit"], waiting["rows"], strict=True)) == [
        ("UBND phường Trấn Biên mới", "Phường Trấn Biên", 2)
    ]


@pytest.mark.slow
def test_a_confirmed_name_loads_when_the_file_is_uploaded_again(con, rejected, tmp_path):
    confirm(con, "UBND phường Trấn Biên mới", unit_id(con, "Phường Trấn Biên"), "Trần Thị B")
    again = tmp_path / "lan_2" / UNKNOWN_FILE
    again.parent.mkdir()
    again.write_bytes((tmp_path / UNKNOWN_FILE).read_bytes())
    # the very same file is refused while its upload is active (same SHA-256): the advice says so
    _plan, result = ingest_file(con, again, user="Nguyễn Văn A")
    assert result.status == "duplicate"
    rollback(con, rejected, "Nguyễn Văn A")
    _plan, result = ingest_file(con, again, user="Nguyễn Văn A")
    assert result.rows_loaded == 4 and result.rows_rejected == 1
    assert pending_names(con)["name"].tolist() == ["Ngân hàng ABC chi nhánh Biên Hòa"]
    assert awaiting_reupload(con).empty


def test_confirm_refuses_an_empty_name_or_user(con):
    uid = unit_id(con, "Phường Trấn Biên")
    with pytest.raises(AdminError, match="^Tên đơn vị trống.$"):
        confirm(con, "  ", uid, "B")
    with pytest.raises(AdminError, match="^Nhập tên người xác nhận.$"):
        confirm(con, "Phường Trấn Biên mới", uid, " ")
    with pytest.raises(AdminError, match="^Không có đơn vị số 999999 trong danh mục.$"):
        confirm(con, "Phường Trấn Biên mới", 999999, "B")


def test_reject_stops_a_name_being_proposed(con, rejected):
    name = "Ngân hàng ABC chi nhánh Biên Hòa"
    assert con.execute("SELECT count(*) FROM unit_rejected_names").fetchall() == [(0,)]
    message = reject(con, name, "Trần Thị B")
    assert message == f"Đã ghi nhận «{name}» không phải đơn vị của tỉnh; tên này sẽ không được đề xuất nữa."
    assert con.execute("SELECT name, rejected_by FROM unit_rejected_names").fetchall() == [(name, "Trần Thị B")]
    assert name not in set(pending_names(con)["name"])
    assert list(rejected_names(con)["name"]) == [name]
    assert reject(con, name.upper(), "C") == message.replace(name, name.upper())  # the same name: no new row
    assert con.execute("SELECT count(*) FROM unit_rejected_names").fetchall() == [(1,)]
    unreject(con, name)
    assert name in set(pending_names(con)["name"])


def test_reject_refuses_a_name_that_names_a_unit(con):
    with pytest.raises(AdminError) as err:
        reject(con, "UBND P. Trấn Biên", "B")
    assert str(err.value) == (
        "«UBND P. Trấn Biên» đang khớp với Phường Trấn Biên; không thể ghi nhận là không phải đơn vị của tỉnh."
    )
    assert con.execute("SELECT count(*) FROM unit_rejected_names").fetchall() == [(0,)]


# ----------------------------------------------------------------------------------------- add a department


def test_add_department_with_its_aliases(con):
    before = con.execute("SELECT count(*) FROM units").fetchall()[0][0]
    added = departments.add_department(
        con,
        "Trung tâm Phục vụ hành chính công tỉnh",
        "TTPVHCC",
        "Cơ quan",
        date(2025, 7, 1),
        "Lê Văn C",
        aliases=("Trung tâm PVHCC tỉnh", " "),
    )
    assert added.message == "Đã thêm Trung tâm Phục vụ hành chính công tỉnh vào danh mục với 3 tên gọi."
    row = con.execute(
        "SELECT registry_key, name, short_name, abbreviation, unit_type, unit_group, valid_from, valid_to, source"
        " FROM units WHERE unit_id = ?",
        [added.unit_id],
    ).fetchall()
    assert row == [
        (
            "dept:trung_tam_phuc_vu_hanh_chinh_cong_tinh",
            "Trung tâm Phục vụ hành chính công tỉnh",
            "Trung tâm Phục vụ hành chính công tỉnh",
            "TTPVHCC",
            "Cơ quan",
            "department",
            date(2025, 7, 1),
            None,
            "admin",
        )
    ]
    assert con.execute("SELECT count(*) FROM units").fetchall()[0][0] == before + 1
    assert aliases(con, added.unit_id) == {
        ("Trung tâm Phục vụ hành chính công tỉnh", "admin"),
        ("TTPVHCC", "admin"),
        ("Trung tâm PVHCC tỉnh", "admin"),
    }
    m = UnitMatcher(con)
    assert m.match("TRUNG TÂM PVHCC TỈNH", date(2025, 10, 1)).unit_id == added.unit_id
    assert m.match("TTPVHCC", date(2025, 10, 1)).unit_id == added.unit_id


@pytest.mark.parametrize(
    ("name", "abbreviation", "aliases_", "message"),
    [
        ("SỞ TƯ PHÁP", None, (), "Đã có đơn vị «Sở Tư pháp» trong danh mục; không thêm trùng."),
        ("Sở Tư pháp tỉnh", "STP", (), "Tên gọi «STP» đã dùng cho «Sở Tư pháp»; không thêm trùng."),
        ("Sở Mới", None, ("Sở KH&CN",), "Tên gọi «Sở KH&CN» đã dùng cho «Sở Khoa học và Công nghệ»; không thêm trùng."),
        ("", None, (), "Nhập tên cơ quan."),
    ],
)
def test_add_department_refuses_a_name_already_taken(con, name, abbreviation, aliases_, message):
    before = con.execute("SELECT count(*) FROM units").fetchall()[0][0]
    with pytest.raises(AdminError) as err:
        departments.add_department(con, name, abbreviation, "Sở", None, "Lê Văn C", aliases=aliases_)
    assert str(err.value) == message
    assert con.execute("SELECT count(*) FROM units").fetchall()[0][0] == before


def test_add_department_refuses_an_unknown_type(con):
    with pytest.raises(AdminError, match="^Loại cơ quan phải là một trong: Sở, Ban, Cơ quan.$"):
        departments.add_department(con, "Trung tâm X", None, "Xã", None, "C")


# ------------------------------------------------------------------------------------------ merge, unmerge


def _facts(con, uid: int) -> dict[str, int]:
    return {
        t: con.execute(f"SELECT count(*) FROM {t} WHERE unit_id = ?", [uid]).fetchall()[0][0]
        for t in merges.FACT_TABLES
    }


def _snapshot(con) -> dict[str, list]:
    return {
        "facts": [
            con.execute(f"SELECT upload_id, source_row, unit_id, unit_name FROM {t} ORDER BY ALL").fetchall()
            for t in merges.FACT_TABLES
        ],
        "aliases": con.execute(
            "SELECT alias_key, unit_id, alias, source, created_by FROM unit_aliases ORDER BY ALL"
        ).fetchall(),
        "lineage": con.execute("SELECT * FROM unit_lineage ORDER BY ALL").fetchall(),
        "units": con.execute("SELECT unit_id, parent_id, valid_to, merged_into FROM units ORDER BY ALL").fetchall(),
    }


@pytest.fixture
def twice(con):
    """One centre added twice under two names, each with facts of every kind in October 2025."""
    keep = departments.add_department(
        con, "Trung tâm Phục vụ hành chính công tỉnh", "TTPVHCC", "Cơ quan", None, "Lê Văn C"
    ).unit_id
    drop = departments.add_department(
        con, "Trung tâm Hành chính công tỉnh", None, "Cơ quan", date(2025, 1, 1), "Phạm D", aliases=("TTHCC",)
    ).unit_id
    oct_ = (date(2025, 10, 1), date(2025, 10, 31))
    cases = _upload(con, "cases", "ho_so_10_2025.xlsx", *oct_)
    _case(
        con,
        cases,
        5,
        keep,
        "Trung tâm Phục vụ hành chính công tỉnh",
        datetime(2025, 10, 2, 8),
        datetime(2025, 10, 9, 17),
    )
    for row in (6, 7):
        _case(
            con, cases, row, drop, "Trung tâm Hành chính công tỉnh", datetime(2025, 10, 3, 8), datetime(2025, 10, 4, 17)
        )
    tasks = _upload(con, "tasks", "nhiem_vu_10_2025.xlsx", *oct_)
    con.execute(
        "INSERT INTO tasks (upload_id, source_row, item_key, unit_id, unit_name, received, due, status_code)"
        " VALUES (?, 4, 'nv-1', ?, 'TTHCC', TIMESTAMP '2025-10-01 08:00', TIMESTAMP '2025-10-10 17:00', 'pending')",
        [tasks, drop],
    )
    feedback = _upload(con, "feedback", "phan_anh_10_2025.xlsx", *oct_)
    con.execute(
        "INSERT INTO feedback (upload_id, source_row, feedback_code, received, unit_id, unit_name, status_code)"
        " VALUES (?, 9, 'PA-1', TIMESTAMP '2025-10-05 10:00', ?, 'TTHCC', 'pending')",
        [feedback, drop],
    )
    stats = _upload(con, "case_stats", "bieu_06_10_2025.xlsx", *oct_)
    con.execute(
        "INSERT INTO case_stats VALUES (?, 12, ?, 'Trung tâm Hành chính công tỉnh', NULL, DATE '2025-10-01',"
        " DATE '2025-10-31', 3, 2, 1, 0, 2, 1, 1, 0, 1, 1, 0)",
        [stats, drop],
    )
    return keep, drop


def test_merge_moves_every_row_and_unmerge_restores_them(con, twice):
    keep, drop = twice
    assert _facts(con, drop) == {"tasks": 1, "cases": 2, "case_stats": 1, "feedback": 1}
    before = _snapshot(con)
    preview = merges.merge_preview(con, keep, drop)
    assert list(zip(preview["what"], preview["file"].fillna(""), preview["rows"], strict=True)) == [
        ("Dòng Biểu 06", "bieu_06_10_2025.xlsx", 1),
        ("Hồ sơ TTHC", "ho_so_10_2025.xlsx", 2),
        ("Phản ánh, kiến nghị", "phan_anh_10_2025.xlsx", 1),
        ("Nhiệm vụ", "nhiem_vu_10_2025.xlsx", 1),
        ("Tên gọi", "", 2),
    ]
    assert _facts(con, drop) == {"tasks": 1, "cases": 2, "case_stats": 1, "feedback": 1}  # preview wrote nothing

    merged = merges.merge_units(con, keep, drop, "Lê Văn C")
    assert merged.message == (
        f"Đã gộp «Trung tâm Hành chính công tỉnh» vào «Trung tâm Phục vụ hành chính công tỉnh»"
        f" (lần gộp số {merged.merge_id}): chuyển 5 dòng số liệu và 2 tên gọi."
    )
    assert (merged.fact_rows, merged.alias_rows) == (5, 2)
    assert _facts(con, drop) == {"tasks": 0, "cases": 0, "case_stats": 0, "feedback": 0}
    assert _facts(con, keep) == {"tasks": 1, "cases": 3, "case_stats": 1, "feedback": 1}
    assert aliases(con, drop) == set()
    assert {a for a, _ in aliases(con, keep)} == {
        "Trung tâm Phục vụ hành chính công tỉnh",
        "TTPVHCC",
        "Trung tâm Hành chính công tỉnh",
        "TTHCC",
    }
    assert con.execute("SELECT merged_into FROM units WHERE unit_id = ?", [drop]).fetchall() == [(keep,)]
    # names as written stay as written; the matcher now finds the kept unit
    assert con.execute("SELECT DISTINCT unit_name FROM feedback").fetchall() == [("TTHCC",)]
    assert UnitMatcher(con).match("TTHCC", date(2025, 10, 1)).unit_id == keep
    # metrics read the merged unit at once (the caches were rebuilt)
    frame = metrics.unit_metrics(con, span(date(2025, 10, 1), date(2025, 10, 31)), group="department")
    with_cases = {u: c for u, c in zip(frame["unit_id"], frame["cases_total"], strict=True) if c}
    assert with_cases == {keep: 3}  # every department is listed (METRICS.md §6); only these have cases
    history = merges.merges_frame(con)
    assert list(
        history[["keep", "drop", "merged_by", "fact_rows", "alias_rows"]].itertuples(index=False, name=None)
    ) == [("Trung tâm Phục vụ hành chính công tỉnh", "Trung tâm Hành chính công tỉnh", "Lê Văn C", 5, 2)]

    message = merges.unmerge(con, merged.merge_id, "Phạm D")
    assert message == (
        f"Đã hoàn tác lần gộp số {merged.merge_id}: «Trung tâm Hành chính công tỉnh» tách lại khỏi"
        " «Trung tâm Phục vụ hành chính công tỉnh», trả lại 5 dòng số liệu và 2 tên gọi."
    )
    assert _snapshot(con) == before
    frame = metrics.unit_metrics(con, span(date(2025, 10, 1), date(2025, 10, 31)), group="department")
    assert {u: c for u, c in zip(frame["unit_id"], frame["cases_total"], strict=True) if c} == {keep: 1, drop: 2}
    assert merges.merges_frame(con)["undone_by"].tolist() == ["Phạm D"]
    with pytest.raises(AdminError) as err:
        merges.unmerge(con, merged.merge_id, "Phạm D")
    assert str(err.value) == f"Lần gộp số {merged.merge_id} đã được hoàn tác trước đó."


def test_merge_keeps_the_kept_units_own_alias_and_moves_lineage(con):
    """A department duplicated by an admin: its lineage (here: the old department merged into it) follows it."""
    keep = unit_id(con, "Sở Tài chính")
    dup = departments.add_department(con, "Sở Tài chính tỉnh Đồng Nai", None, "Sở", date(2025, 3, 1), "C").unit_id
    khdt = unit_id(con, "Sở Kế hoạch và Đầu tư", current=False)
    con.execute("UPDATE unit_lineage SET to_unit_id = ? WHERE from_unit_id = ?", [dup, khdt])
    con.execute("INSERT INTO unit_aliases (alias_key, unit_id, alias, source) VALUES ('stc', ?, 'STC', 'admin')", [dup])
    before = _snapshot(con)
    merged = merges.merge_units(con, keep, dup, "C")
    assert merged.alias_rows == 1  # "STC" was already the kept unit's
    assert con.execute("SELECT to_unit_id FROM unit_lineage WHERE from_unit_id = ?", [khdt]).fetchall() == [(keep,)]
    assert browse.lineage_lines(con, keep) == ["Sở Tài chính ← Sở Kế hoạch và Đầu tư"]
    merges.unmerge(con, merged.merge_id, "C")
    assert _snapshot(con) == before


def test_merge_refusals(con, twice):
    keep, drop = twice
    tran_bien, long_phuoc = unit_id(con, "Phường Trấn Biên"), unit_id(con, "Xã Long Phước")
    codes = dict(
        con.execute("SELECT unit_id, code FROM units WHERE unit_id IN (?, ?)", [tran_bien, long_phuoc]).fetchall()
    )
    refusals = {
        (keep, keep): "Không gộp được: hãy chọn hai đơn vị khác nhau.",
        (keep, tran_bien): (
            "Không gộp được: «Trung tâm Phục vụ hành chính công tỉnh» thuộc nhóm Sở, ban, ngành, «Phường Trấn Biên»"
            " thuộc nhóm Cấp xã; chỉ gộp hai đơn vị cùng nhóm."
        ),
        (tran_bien, long_phuoc): (
            f"Không gộp được: «Phường Trấn Biên» (mã {codes[tran_bien]}) và «Xã Long Phước» (mã {codes[long_phuoc]})"
            " là hai đơn vị hành chính có mã chính thức khác nhau."
        ),
        (keep, drop): "Nhập tên người gộp.",
    }
    before = _snapshot(con)
    for (a, b), message in refusals.items():
        with pytest.raises(AdminError) as err:
            merges.merge_units(con, a, b, " " if message.startswith("Nhập") else "C")
        assert str(err.value) == message
    assert _snapshot(con) == before
    # a department created after another ended: no overlap in time
    new_only = departments.add_department(con, "Ban Tiếp công dân tỉnh", None, "Ban", date(2025, 7, 1), "C").unit_id
    old_dept = unit_id(con, "Ban Dân tộc tỉnh", current=False)
    with pytest.raises(AdminError) as err:
        merges.merge_units(con, new_only, old_dept, "C")
    assert str(err.value) == (
        "Không gộp được: «Ban Tiếp công dân tỉnh» (từ 01/07/2025 đến nay) và «Ban Dân tộc tỉnh» (từ trước đến"
        " 28/02/2025) không cùng thời gian hiệu lực; đơn vị trước và sau sắp xếp là quan hệ kế thừa, không phải"
        " một đơn vị."
    )
    assert con.execute("SELECT count(*) FROM unit_merges").fetchall() == [(0,)]


def test_a_merged_unit_cannot_be_merged_again_and_undo_goes_newest_first(con, twice):
    keep, drop = twice
    third = departments.add_department(con, "Trung tâm HCC", None, "Cơ quan", None, "C").unit_id
    first = merges.merge_units(con, keep, drop, "C")
    with pytest.raises(AdminError) as err:
        merges.merge_units(con, third, drop, "C")
    assert str(err.value) == (
        "Không gộp được: «Trung tâm Hành chính công tỉnh» đã được gộp vào «Trung tâm Phục vụ hành chính công tỉnh»."
    )
    second = merges.merge_units(con, keep, third, "C")
    with pytest.raises(AdminError) as err:
        merges.unmerge(con, first.merge_id, "C")
    assert str(err.value) == f"Hãy hoàn tác lần gộp số {second.merge_id} trước lần gộp số {first.merge_id}."
    merges.unmerge(con, second.merge_id, "C")
    merges.unmerge(con, first.merge_id, "C")
    assert _facts(con, drop) == {"tasks": 1, "cases": 2, "case_stats": 1, "feedback": 1}
    with pytest.raises(AdminError, match="^Không có lần gộp số 99.$"):
        merges.unmerge(con, 99, "C")
