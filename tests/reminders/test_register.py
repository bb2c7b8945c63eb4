"""Recording, listing, editing and withdrawing entries of the register; who may do what; the audit rows."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from oversight import access, clock, reminders
from oversight.auth import audit
from tests.reminders.conftest import ADMIN, LEADER, UPLOADER, add, viewer_of


def _audit(con, action):
    with access.acting_as(ADMIN):
        rows = audit.events(con, action=action)
    return [(r.actor, r.target, json.loads(r.detail)) for r in rows.itertuples()]


def test_one_letter_naming_two_units_is_two_rows_listed_newest_first(con, units):
    first = add(
        con,
        [units["yte"], units["tuphap"], units["yte"]],  # a unit named twice is recorded once
        level="phe_binh",
        day=date(2026, 3, 2),
        number="1234/UBND-HCTC",
        reason="  Chậm hoàn thành nhiệm vụ quý I  ",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31) - timedelta(days=31),
        kinds="feedback,tasks",
    )
    later = add(con, [units["noivu"]], level="kiem_diem", day=date(2026, 4, 10), number=None, source="letter")
    assert len(first) == 2 and len(later) == 1
    with access.acting_as(LEADER):
        frame = reminders.list_reminders(con)
    assert list(frame["reminder_id"]) == [later[0], first[1], first[0]]  # newest letter first, then newest id
    row = frame[frame["reminder_id"] == first[0]].iloc[0]
    assert row["unit_id"] == units["yte"] and row["unit_name"] == "Sở Y tế"
    assert (row["level"], row["level_label"]) == ("phe_binh", "Phê bình")
    assert row["letter_date"] == date(2026, 3, 2) and row["letter_number"] == "1234/UBND-HCTC"
    assert row["reason"] == "Chậm hoàn thành nhiệm vụ quý I"  # trimmed
    assert (row["period_start"], row["period_end"]) == (date(2026, 1, 1), date(2026, 2, 28))
    assert row["kinds"] == "tasks,feedback" and row["kinds_label"] == "nhiệm vụ, phản ánh, kiến nghị"
    assert (row["source"], row["source_label"]) == ("manual", "Nhập tay")
    assert row["recorded_by"] == "web:can.bo" and not row["withdrawn"]
    other = frame[frame["reminder_id"] == later[0]].iloc[0]
    assert (other["level_label"], other["source_label"]) == ("Kiểm điểm", "Từ văn bản đôn đốc")
    assert other["letter_number"] is None

    with access.acting_as(LEADER):
        assert list(reminders.list_reminders(con, unit_id=units["tuphap"])["reminder_id"]) == [first[1]]
        assert list(reminders.list_reminders(con, level="kiem_diem")["reminder_id"]) == [later[0]]
        assert list(reminders.list_reminders(con, source="letter")["reminder_id"]) == [later[0]]
        assert reminders.list_reminders(con, year=2025).empty
        april = reminders.list_reminders(con, year=2026, date_from=date(2026, 4, 1))
        assert list(april["reminder_id"]) == [later[0]]

    [(actor, target, detail)] = _audit(con, audit.REMINDER_ADD)[1:]  # newest first: the first letter is last
    assert actor == "web:can.bo" and target == "Sổ theo dõi nhắc nhở, phê bình"
    assert detail["Đơn vị"] == "Sở Y tế, Sở Tư pháp"
    assert detail["Mức độ"] == "phê bình" and detail["Ngày văn bản"] == "02/03/2026"
    assert detail["Số, ký hiệu"] == "1234/UBND-HCTC" and detail["Kỳ theo dõi"] == "01/01/2026 – 28/02/2026"
    assert detail["Mục sổ"] == f"#{first[0]}, #{first[1]}"


def test_withdraw_keeps_the_row_marks_it_and_is_audited(con, units):
    ids = add(con, [units["yte"], units["tuphap"]])
    with access.acting_as(ADMIN):
        reminders.withdraw(con, ids[0], "Ghi nhầm đơn vị")
    with access.acting_as(LEADER):
        live = reminders.list_reminders(con)
        every = reminders.list_reminders(con, include_withdrawn=True)
    assert list(live["reminder_id"]) == [ids[1]]
    gone = every[every["reminder_id"] == ids[0]].iloc[0]
    assert gone["withdrawn"] and gone["withdrawn_by"] == "web:quan.tri"
    assert gone["withdrawn_reason"] == "Ghi nhầm đơn vị"
    [(actor, _target, detail)] = _audit(con, audit.REMINDER_WITHDRAW)
    assert actor == "web:quan.tri"
    assert detail == {
        "Mục sổ": f"#{ids[0]}",
        "Đơn vị": "Sở Y tế",
        "Mức độ": "nhắc nhở",
        "Ngày văn bản": "02/03/2026",
        "Số, ký hiệu": "10/UBND-HCTC",
        "Lý do thu hồi": "Ghi nhầm đơn vị",
    }
    with access.acting_as(ADMIN), pytest.raises(reminders.ReminderError, match="đã được thu hồi trước đó"):
        reminders.withdraw(con, ids[0], "Lần nữa")
    with access.acting_as(ADMIN), pytest.raises(reminders.ReminderError, match=r"^Chưa nhập lý do thu hồi\.$"):
        reminders.withdraw(con, ids[1], "   ")
    with access.acting_as(ADMIN), pytest.raises(reminders.ReminderError, match=r"^Không có mục sổ #999999\.$"):
        reminders.withdraw(con, 999999, "Không có")


def test_edit_corrects_the_letter_and_audits_before_and_after(con, units):
    [entry] = add(con, [units["yte"]], number=None)
    with access.acting_as(UPLOADER):
        reminders.edit(
            con,
            entry,
            level="phe_binh",
            letter_date=date(2026, 3, 2),
            letter_number="77/UBND-HCTC",
            reason="Chậm nhiệm vụ",
            period_start=None,
            period_end=None,
            kinds="cases",
        )
    with access.acting_as(LEADER):
        row = reminders.list_reminders(con).iloc[0]
    assert (row["level"], row["letter_number"], row["kinds"]) == ("phe_binh", "77/UBND-HCTC", "cases")
    [(_actor, _target, detail)] = _audit(con, audit.REMINDER_EDIT)
    assert detail == {
        "Mục sổ": f"#{entry}",
        "Đơn vị": "Sở Y tế",
        "Mức độ": "nhắc nhở → phê bình",
        "Số, ký hiệu": "(trống) → 77/UBND-HCTC",
        "Về": "(trống) → hồ sơ TTHC",
    }


def test_a_leader_cannot_record_nor_withdraw(con, units):
    [entry] = add(con, [units["yte"]])
    expected = "Tài khoản «lanh.dao» (Lãnh đạo (xem toàn tỉnh)) không có quyền ghi sổ theo dõi nhắc nhở, phê bình."
    with access.acting_as(LEADER):
        with pytest.raises(access.AccessDenied) as denied:
            reminders.record(
                con,
                unit_ids=[units["yte"]],
                level="nhac_nho",
                letter_date=date(2026, 3, 2),
                letter_number=None,
                reason="Chậm",
                period_start=None,
                period_end=None,
                kinds=None,
            )
        assert str(denied.value) == expected
        with pytest.raises(access.AccessDenied, match="không có quyền ghi sổ"):
            reminders.withdraw(con, entry, "Lãnh đạo thu hồi")
    with access.acting_as(viewer_of(units["yte"])), pytest.raises(access.AccessDenied, match="không có quyền ghi sổ"):
        add_as_current(con, units["yte"])
    with access.acting_as(None), pytest.raises(access.AccessDenied, match="Chưa đăng nhập"):
        add_as_current(con, units["yte"])
    with access.acting_as(LEADER):
        assert len(reminders.list_reminders(con)) == 1  # nothing written by the refused calls


def add_as_current(con, unit_id):
    return reminders.record(
        con,
        unit_ids=[unit_id],
        level="nhac_nho",
        letter_date=date(2026, 3, 2),
        letter_number=None,
        reason="Chậm",
        period_start=None,
        period_end=None,
        kinds=None,
    )


def test_a_unit_viewer_sees_its_own_unit_only(con, units):
    mine = add(con, [units["yte"]], day=date(2026, 3, 2))
    add(con, [units["tuphap"], units["noivu"]], day=date(2026, 3, 5))
    with access.acting_as(viewer_of(units["yte"])):
        frame = reminders.list_reminders(con, include_withdrawn=True)
        assert list(frame["reminder_id"]) == mine
        assert reminders.list_reminders(con, unit_id=units["tuphap"]).empty
        assert list(reminders.unit_history(con, units["yte"])["reminder_id"]) == mine
        with pytest.raises(access.AccessDenied, match="chỉ được xem danh sách chi tiết của đơn vị mình"):
            reminders.unit_history(con, units["tuphap"])
        counts = reminders.counts_in_12_months(con, date(2026, 6, 30))
        assert list(counts["unit_id"]) == [units["yte"]]
    with access.acting_as(LEADER):
        assert len(reminders.list_reminders(con)) == 3
        assert len(reminders.unit_history(con, units["tuphap"])) == 1


TODAY = clock.local_today()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"level": "canh_cao"}, "Mức độ không hợp lệ: «canh_cao» (chọn một trong: nhắc nhở, phê bình, kiểm điểm)."),
        ({"reason": "   "}, "Chưa nhập lý do nhắc nhở, phê bình."),
        ({"reason": "x" * 2001}, "Lý do nhắc nhở, phê bình dài quá 2000 ký tự (đang có 2001 ký tự)."),
        ({"letter_number": "1" * 101}, "Số, ký hiệu văn bản dài quá 100 ký tự (đang có 101 ký tự)."),
        (
            {"letter_date": date(1999, 12, 31)},
            f"Ngày văn bản 31/12/1999 không hợp lý (phải từ 01/01/2000 đến hôm nay, {TODAY:%d/%m/%Y}).",
        ),
        (
            {"letter_date": TODAY + timedelta(days=10)},
            f"Ngày văn bản {TODAY + timedelta(days=10):%d/%m/%Y} không hợp lý "
            f"(phải từ 01/01/2000 đến hôm nay, {TODAY:%d/%m/%Y}).",
        ),
        ({"letter_date": None}, "Chưa nhập ngày văn bản."),
        (
            {"period_start": date(2026, 2, 1), "period_end": date(2026, 1, 31)},
            "Kỳ theo dõi không hợp lệ: ngày cuối kỳ 31/01/2026 trước ngày đầu kỳ 01/02/2026.",
        ),
        ({"period_start": date(2026, 3, 3)}, "Kỳ theo dõi bắt đầu (03/03/2026) sau ngày văn bản (02/03/2026)."),
        ({"unit_ids": []}, "Chưa chọn đơn vị bị nhắc nhở, phê bình."),
        ({"unit_ids": [999999]}, "Không có đơn vị mã 999999 trong danh mục đơn vị."),
        ({"unit_ids": ["Sở Y tế"]}, "Mã đơn vị không hợp lệ: «Sở Y tế»."),
        (
            {"kinds": "tasks,money"},
            "Loại số liệu không hợp lệ: «money» (chọn trong: nhiệm vụ, hồ sơ TTHC, phản ánh, kiến nghị).",
        ),
        ({"source": "import"}, "Nguồn ghi sổ không hợp lệ: «import»."),
    ],
)
def test_bad_input_is_refused_with_its_message_and_writes_nothing(con, units, change, message):
    given = dict(
        unit_ids=[units["yte"]],
        level="nhac_nho",
        letter_date=date(2026, 3, 2),
        letter_number="10/UBND",
        reason="Chậm",
        period_start=None,
        period_end=None,
        kinds=None,
    )
    given.update(change)
    with access.acting_as(UPLOADER), pytest.raises(reminders.ReminderError) as refused:
        reminders.record(con, **given)
    assert str(refused.value) == message
    with access.acting_as(LEADER):
        assert reminders.list_reminders(con, include_withdrawn=True).empty
    assert _audit(con, audit.REMINDER_ADD) == []
