"""Reminder letters read back with python-docx: the unit named, exactly its late items with the days late computed
by hand (tests/letters/conftest.py), the decree's header, every placeholder filled (also when Word split one
across runs), a province's own template, hostile text kept literal, the .zip of three units, a unit with nothing
late refused, access and audit."""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import replace

import pytest
from docx import Document
from docx.shared import Pt

from oversight import access, letters
from oversight.auth import audit
from oversight.config import load_settings
from oversight.render import letter as render
from oversight.render.letter_template import build_document
from tests.letters.conftest import HOSTILE_SHOWN, OCTOBER, TODAY


def request(*unit_ids, **options):
    return letters.LetterRequest(period=OCTOBER, unit_ids=tuple(unit_ids), **options)


def docx(con, *unit_ids, **options):
    return Document(io.BytesIO(letters.letter_docx(con, request(*unit_ids, **options), today=TODAY)))


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def item_tables(document) -> list[list[list[str]]]:
    """The tables after the header table, without the signature table (the last)."""
    tables = render.table_texts(document)
    return tables[1:-1]


def paragraph(document, start: str) -> str:
    found = [p.text for p in document.paragraphs if p.text.startswith(start)]
    assert found, start
    return found[0]


def test_letter_names_the_unit_and_lists_exactly_its_late_tasks(province):
    con, ids = province
    document = docx(con, ids["tp"])
    assert paragraph(document, "Kính gửi:") == "Kính gửi: Sở Tư pháp."
    (tasks,) = item_tables(document)
    assert tasks[0] == ["STT", "Số, ngày văn bản giao", "Nội dung nhiệm vụ", "Hạn xử lý", "Ngày hoàn thành",
                        "Số ngày quá hạn"]  # fmt: skip
    # worst first: T2 open since its deadline 20/10 until 31/10 (11 days), T1 done 15/10 after 10/10 (5 days)
    assert [(r[1], r[3], r[4], r[5]) for r in tasks[1:]] == [
        ("T2/UBND-TH", "20/10/2025", "Chưa hoàn thành", "11"),
        ("T1/UBND-TH, ngày 30/09/2025", "10/10/2025", "15/10/2025", "5"),
    ]
    text = all_text(document)
    assert "T3/UBND-TH" not in text  # done on time
    for other in ("C1", "C3", "F1", "F2", "Long Phước", "Sở Y tế"):
        assert other not in text
    assert paragraph(document, "a) ") == "a) Nhiệm vụ hoàn thành quá hạn, đang quá hạn: 2 nhiệm vụ."
    summary = paragraph(document, "Theo số liệu")
    assert "2 nhiệm vụ quá hạn (hoàn thành quá hạn 1 + đang thực hiện quá hạn 1) trên tổng số 3 nhiệm vụ" in summary
    assert "tỷ lệ 66,7 %" in summary and "tháng 10/2025 (từ ngày 01/10/2025 đến ngày 31/10/2025)" in summary


def test_commune_letter_goes_to_its_peoples_committee_with_cases_and_feedback(province):
    con, ids = province
    document = docx(con, ids["lp"])
    assert paragraph(document, "Kính gửi:") == "Kính gửi: Ủy ban nhân dân xã Long Phước."
    cases, feedback = item_tables(document)
    # C3 pending since 24/10 (7 days to 31/10), C1 resolved 13/10 after 09/10 (4 days); C2 was early
    assert [(r[1], r[2], r[4], r[5], r[6]) for r in cases[1:]] == [
        ("C3", "Cấp giấy phép xây dựng", "24/10/2025", "Chưa hoàn thành", "7"),
        ("C1", "Đăng ký khai sinh", "09/10/2025", "13/10/2025", "4"),
    ]
    assert [(r[1], r[4], r[5], r[6]) for r in feedback[1:]] == [("F1", "11/10/2025", "14/10/2025", "3")]
    assert paragraph(document, "a) ").startswith("a) Hồ sơ thủ tục hành chính")
    assert paragraph(document, "b) ") == "b) Phản ánh, kiến nghị xử lý quá hạn, đang quá hạn: 1 phản ánh, kiến nghị."
    assert "T1/UBND-TH" not in all_text(document) and "F2" not in all_text(document)


def test_header_follows_the_decree_and_every_placeholder_is_filled(province):
    con, ids = province
    document = docx(con, ids["tp"], level="phe_binh", reason="vì để nhiệm vụ quá hạn kéo dài")
    left, right = (cell.text.split("\n") for cell in document.tables[0].rows[0].cells)
    assert left[:2] == ["UBND TỈNH ĐỒNG NAI", "VĂN PHÒNG"]
    assert "Số: …/…" in left and "V/v phê bình vì để nhiệm vụ quá hạn kéo dài" in left
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert right[-1] == f"Đồng Nai, ngày      tháng      năm {TODAY.year}"
    signature = document.tables[-1].rows[0].cells
    assert signature[0].text.startswith("Nơi nhận:")
    assert signature[1].text.split("\n")[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    text = all_text(document).replace(HOSTILE_SHOWN, "")  # the upload's own braces stay (see below)
    assert "{{" not in text and "}}" not in text
    assert paragraph(document, "Ủy ban nhân dân tỉnh phê bình Sở Tư pháp và yêu cầu Thủ trưởng đơn vị")
    assert "trước ngày 15/11/2025" in paragraph(document, "Báo cáo kết quả")  # 05/11 + 10 days


def test_number_date_and_reply_deadline_when_given(province):
    con, ids = province
    from datetime import date

    document = docx(
        con, ids["tp"], letter_number="123/UBND-HCTC", letter_date=date(2025, 11, 7), reply_by=date(2025, 11, 20)
    )
    left, right = (cell.text for cell in document.tables[0].rows[0].cells)
    assert "Số: 123/UBND-HCTC" in left and right.endswith("Đồng Nai, ngày 7 tháng 11 năm 2025")
    assert "trước ngày 20/11/2025" in paragraph(document, "Báo cáo kết quả")


def test_template_layout_is_the_decrees():
    document = Document(str(render.DEFAULT_TEMPLATE))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert [round(m.cm, 1) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                     section.right_margin)] == [2.0, 2.0, 3.0, 1.5]  # fmt: skip
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    sizes = {run.font.size.pt for p in document.paragraphs for run in p.runs if run.font.size}
    assert sizes <= {13.0, 14.0} and 14.0 in sizes
    header = [run.font.size.pt for cell in document.tables[0].rows[0].cells for p in cell.paragraphs for run in p.runs]
    assert set(header) <= {12.0, 13.0, 14.0}  # quốc hiệu 13, tiêu ngữ 14, trích yếu 12


def test_committed_template_is_what_the_script_builds():
    committed = Document(str(render.DEFAULT_TEMPLATE))
    built = build_document()
    assert [p.text for p in committed.paragraphs] == [p.text for p in built.paragraphs]
    assert render.table_texts(committed) == render.table_texts(built)
    assert render.placeholders_in(committed) == render.placeholders_in(built)
    assert set(render.placeholders_in(committed)) <= set(render.PLACEHOLDERS)


def test_text_from_uploads_comes_out_literally(province):
    con, ids = province
    document = docx(con, ids["tp"])
    (tasks,) = item_tables(document)
    assert tasks[1][2] == HOSTILE_SHOWN  # markup, a formula and a placeholder as written; the BEL char removed
    assert all_text(document).count("Sở Tư pháp") >= 3  # the placeholder in the data was not filled


def test_placeholder_split_across_runs_is_filled():
    from docx import Document as new

    document = new()
    p = document.add_paragraph()
    first = p.add_run("Kính gửi: {{ten_")
    first.bold = True
    p.add_run("don_")
    p.add_run("vi}} và {")
    p.add_run("{ky_bao_cao}")
    p.add_run("} nhé")
    render.fill_paragraph(p, {"ten_don_vi": "Sở <Tư> pháp", "ky_bao_cao": "tháng 10/2025"})
    assert p.text == "Kính gửi: Sở <Tư> pháp và tháng 10/2025 nhé"
    assert p.runs[0].text == "Kính gửi: Sở <Tư> pháp" and p.runs[0].bold  # merged into the first run, its format kept
    assert p.runs[-1].text == " nhé"


def _custom_template(path, marker_split: bool = True, extra: str = "") -> None:
    document = Document()
    document.add_paragraph("MẪU RIÊNG CỦA VĂN PHÒNG UBND TỈNH " + extra)
    p = document.add_paragraph()
    p.add_run("Gửi {{ten")  # the name split across three runs, as Word saves an edited word
    p.add_run("_don_")
    p.add_run("vi}}, kỳ {{ky_bao_cao}}.")
    marker = document.add_paragraph()
    if marker_split:
        marker.add_run("{{bang_")
        marker.add_run("danh_sach}}")
    document.add_paragraph("Hết.")
    document.save(path)


def test_a_custom_template_from_the_setting_is_used(province, tmp_path, monkeypatch):
    con, ids = province
    path = tmp_path / "mau_rieng.docx"
    _custom_template(path)
    monkeypatch.setenv("OVERSIGHT_LETTER_TEMPLATE", str(path))
    assert load_settings().letter_template == path
    document = docx(con, ids["tp"])
    texts = [p.text for p in document.paragraphs]
    assert texts[0].startswith("MẪU RIÊNG CỦA VĂN PHÒNG UBND TỈNH")
    assert texts[1] == "Gửi Sở Tư pháp, kỳ tháng 10/2025."
    assert texts[-1] == "Hết."
    assert "a) Nhiệm vụ hoàn thành quá hạn, đang quá hạn: 2 nhiệm vụ." in texts
    (tasks,) = render.table_texts(document)
    assert [r[5] for r in tasks[1:]] == ["11", "5"]


@pytest.mark.parametrize(
    ("write", "message"),
    [
        (lambda p: _custom_template(p, extra="{{ten_donvi}}"), "có trường không xác định: {{ten_donvi}}"),
        (lambda p: _custom_template(p, marker_split=False), "thiếu đoạn {{bang_danh_sach}}"),
        (lambda p: p.write_bytes(b"not a word file"), "không phải văn bản Word (.docx) hợp lệ"),
        (lambda p: None, "Không đọc được mẫu văn bản"),
    ],
)
def test_a_bad_custom_template_is_refused_in_vietnamese(province, tmp_path, monkeypatch, write, message):
    con, ids = province
    path = tmp_path / "mau.docx"
    write(path)
    monkeypatch.setenv("OVERSIGHT_LETTER_TEMPLATE", str(path))
    with pytest.raises(letters.LetterError, match=message.replace("(", r"\(").replace(")", r"\)").replace("{", r"\{")):
        letters.letter_docx(con, request(ids["tp"]), today=TODAY)


def test_zip_of_three_units_holds_three_letters_with_the_right_names(province):
    con, ids = province
    content = letters.letters_zip(con, request(ids["tp"], ids["lp"], ids["yt"], ids["ct"]), today=TODAY)
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert sorted(archive.namelist()) == [
        "danh_sach_van_ban.csv",
        "nhac_nho_Long_Phuoc.docx",
        "nhac_nho_Tu_phap.docx",
        "nhac_nho_Y_te.docx",
    ]
    addressed = {}
    for name in archive.namelist():
        if name.endswith(".docx"):
            document = Document(io.BytesIO(archive.read(name)))
            addressed[name] = paragraph(document, "Kính gửi:")
    assert addressed == {
        "nhac_nho_Tu_phap.docx": "Kính gửi: Sở Tư pháp.",
        "nhac_nho_Long_Phuoc.docx": "Kính gửi: Ủy ban nhân dân xã Long Phước.",
        "nhac_nho_Y_te.docx": "Kính gửi: Sở Y tế.",
    }
    index = archive.read("danh_sach_van_ban.csv").decode("utf-8-sig").splitlines()
    assert index[1:] == [
        "1,Sở Tư pháp,nhac_nho_Tu_phap.docx,2,0,0,",
        "2,Xã Long Phước,nhac_nho_Long_Phuoc.docx,0,2,1,",
        "3,Sở Y tế,nhac_nho_Y_te.docx,0,0,1,",
        '4,Sở Công Thương,,,,,"Không có mục trễ hạn, quá hạn trong tháng 10/2025"',
    ]
    yt = Document(io.BytesIO(archive.read("nhac_nho_Y_te.docx")))
    (feedback,) = item_tables(yt)
    assert [(r[1], r[6]) for r in feedback[1:]] == [("F2", "16")]  # open since 15/10 until 31/10


def test_file_names_are_ascii_and_unique():
    prepared = letters.Prepared(
        request(1, 2, 3),
        tuple(render.LetterContent(unit_id=u, values={}) for u in (1, 2, 3)),
        names={1: ("Xã Tân Phú", "Tân Phú"), 2: ("Huyện Tân Phú", "Tân  Phú"), 3: ("Sở Đ/ô?", "Đ/ô?")},
    )
    assert letters.file_names(prepared) == {1: "nhac_nho_Tan_Phu.docx", 2: "nhac_nho_Tan_Phu_2.docx",
                                           3: "nhac_nho_D_o.docx"}  # fmt: skip


def test_a_unit_with_nothing_late_gets_no_letter(province):
    con, ids = province
    with pytest.raises(letters.LetterError) as refused:
        letters.letter_docx(con, request(ids["ct"]), today=TODAY)
    assert str(refused.value) == (
        "«Sở Công Thương» không có nhiệm vụ quá hạn, hồ sơ trễ hạn, phản ánh quá hạn trong tháng 10/2025: "
        "không cần văn bản nhắc nhở."
    )
    with pytest.raises(letters.LetterError, match="Không đơn vị nào đã chọn có mục trễ hạn, quá hạn"):
        letters.letters_zip(con, request(ids["ct"], ids["tp"], kinds=("cases",)), today=TODAY)
    # Sở Tư pháp is late in tasks only: a letter about its cases alone has nothing to say
    with pytest.raises(letters.LetterError, match="«Sở Tư pháp» không có hồ sơ trễ hạn trong tháng 10/2025"):
        letters.letter_docx(con, request(ids["tp"], kinds=("cases",)), today=TODAY)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"level": "canh_cao"}, "Mức độ không hợp lệ: «canh_cao»"),
        ({"kinds": ()}, "Hãy chọn ít nhất một loại"),
        ({"reason": "x" * 301}, "Lý do dài quá 300 ký tự"),
    ],
)
def test_bad_requests_are_refused_in_vietnamese(province, options, message):
    con, ids = province
    with pytest.raises(letters.LetterError, match=message):
        letters.letter_docx(con, request(ids["tp"], **options), today=TODAY)


def test_too_many_units_and_several_units_in_one_docx_are_refused(province):
    con, ids = province
    with pytest.raises(letters.LetterError, match="Mỗi lần soạn tối đa 200 đơn vị \\(đã chọn 201\\)"):
        letters.letters_zip(con, request(*range(1, 202)), today=TODAY)
    with pytest.raises(letters.LetterError, match="Văn bản Word dành cho một đơn vị"):
        letters.letter_docx(con, request(ids["tp"], ids["lp"]), today=TODAY)


def test_a_unit_viewer_gets_only_their_own_unit(province):
    con, ids = province
    viewer = access.Principal(
        name="xa.long.phuoc", role="unit_viewer", unit_id=ids["lp"], units=frozenset({ids["lp"]}), aggregates_all=True
    )
    with access.acting_as(viewer):
        with pytest.raises(access.AccessDenied, match="chỉ được xem danh sách chi tiết của đơn vị mình"):
            letters.letter_docx(con, request(ids["tp"]), today=TODAY)
        with pytest.raises(access.AccessDenied):
            letters.letters_zip(con, request(ids["lp"], ids["tp"]), today=TODAY)
        own = Document(io.BytesIO(letters.letter_docx(con, request(ids["lp"]), today=TODAY)))
    assert "Sở Tư pháp" not in all_text(own)


def test_downloads_are_audited(province):
    con, ids = province
    letters.letter_docx(con, request(ids["tp"], level="kiem_diem"), today=TODAY)
    letters.letters_zip(con, request(ids["tp"], ids["ct"]), today=TODAY)
    rows = audit.events(con, action=audit.EXPORT)
    targets = list(rows["target"])
    assert targets[:2] == ["letters_zip", "letter_docx"]  # newest first
    assert f'"unit_ids": [{ids["tp"]}]' in rows["detail"].iloc[0] and '"skipped": [' in rows["detail"].iloc[0]
    assert '"level": "kiem_diem"' in rows["detail"].iloc[1]


def test_register_entry_matches_the_register(province):
    con, ids = province
    entry = request(ids["tp"], level="phe_binh", kinds=("tasks", "cases")).register_entry(today=TODAY)
    assert entry == {
        "unit_ids": [ids["tp"]],
        "level": "phe_binh",
        "letter_date": TODAY,
        "letter_number": None,
        "reason": "do chậm thực hiện nhiệm vụ được giao và giải quyết hồ sơ TTHC trong tháng 10/2025",
        "period_start": OCTOBER.start,
        "period_end": OCTOBER.end,
        "kinds": "tasks,cases",
        "source": "letter",
    }
    # the register's levels and kinds are the letter's
    assert set(letters.LEVELS) == {"nhac_nho", "phe_binh", "kiem_diem"}
    prepared = letters.prepare(con, request(ids["tp"], ids["ct"]), today=TODAY)
    assert replace(prepared.request).register_entry(prepared.unit_ids, today=TODAY)["unit_ids"] == [ids["tp"]]


def test_the_forms_template_check_follows_the_file(tmp_path, monkeypatch):
    """The form checks the template once per version of its file: a fixed file is taken at the next page run."""
    from oversight.ui import letters as letters_ui

    path = tmp_path / "mau.docx"
    _custom_template(path, extra="{{ten_donvi}}")
    monkeypatch.setenv("OVERSIGHT_LETTER_TEMPLATE", str(path))
    assert "có trường không xác định: {{ten_donvi}}" in letters_ui._template_problem()
    _custom_template(path)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert letters_ui._template_problem() is None
    path.unlink()
    assert "Không đọc được mẫu văn bản" in letters_ui._template_problem()
