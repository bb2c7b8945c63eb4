"""The demo's own, deliberately simple classification (METRICS.md sections 2-5).

It decides what each monthly export shows (which items, in which state) and the Biểu 06 figures, so
that an aggregate and the case list of the same month agree by construction. It is independent of
oversight.metrics on purpose: the ingestion tests compare the two.
"""

from __future__ import annotations

from datetime import date, datetime, time

from oversight.demo.calendar import end_of_day
from oversight.demo.simulate import Case, Feedback, Task

CASE_COLUMNS = (
    "cases_total",
    "cases_new_online",
    "cases_new_offline",
    "cases_carried_over",
    "cases_resolved",
    "cases_resolved_early",
    "cases_resolved_on_time",
    "cases_resolved_late",
    "cases_pending",
    "cases_pending_on_time",
    "cases_pending_overdue",
)
BIEU06_COLUMNS = CASE_COLUMNS  # columns (3)..(13) of the form


def effective_due(due: datetime) -> datetime:
    """A due at 00:00 is a date without a time: it means the end of that day."""
    return end_of_day(due.date()) if due.time() == time(0) else due


def in_scope(received: datetime, done: datetime | None, first: date, last: date) -> bool:
    """Received by the end of the period and not done before it starts."""
    return received.date() <= last and (done is None or done.date() >= first)


def known_done(done: datetime | None, last: date) -> datetime | None:
    """The completion as an export at the end of `last` knows it."""
    return done if done is not None and done.date() <= last else None


# --- TTHC cases ------------------------------------------------------------------------------------


def case_status(case: Case, last: date) -> str:
    done = known_done(case.done, last)
    if done is not None:
        if case.outcome == "returned":
            return "Trả lại hồ sơ"
        if case.outcome == "withdrawn":
            return "Công dân xin rút"
        if done > effective_due(case.due):
            return "Trả kết quả trễ hạn"
        return "Đã trả kết quả"
    if case.pause and case.pause[0].date() <= last < case.pause[1].date():
        return "Chờ bổ sung"
    return "Đang giải quyết"


def case_row_figures(case: Case, first: date, last: date) -> dict[str, int]:
    """One case's contribution to the 13 columns of the period [first, last]."""
    f = dict.fromkeys(CASE_COLUMNS, 0)
    f["cases_total"] = 1
    if case.received.date() >= first:
        f["cases_new_online" if case.channel == "Trực tuyến" else "cases_new_offline"] = 1
    else:
        f["cases_carried_over"] = 1
    done = known_done(case.done, last)
    if done is not None:
        f["cases_resolved"] = 1
        if case.outcome in ("returned", "withdrawn"):
            f["cases_resolved_on_time"] = 1
        elif done > effective_due(case.due):
            f["cases_resolved_late"] = 1
        elif done.date() < case.due.date():
            f["cases_resolved_early"] = 1
        else:
            f["cases_resolved_on_time"] = 1
    else:
        f["cases_pending"] = 1
        if case_status(case, last) == "Chờ bổ sung" or case.due.date() > last:
            f["cases_pending_on_time"] = 1
        else:
            f["cases_pending_overdue"] = 1
    return f


def add(total: dict[str, int], part: dict[str, int]) -> None:
    for k, v in part.items():
        total[k] = total.get(k, 0) + v


# --- tasks -------------------------------------------------------------------------------------------

TASK_CLASSES = (
    "tasks_done_on_time",
    "tasks_done_late",
    "tasks_open_on_time",
    "tasks_open_overdue",
    "tasks_no_deadline",
)


def task_class(task: Task, last: date) -> str:
    if task.due is None:
        return "tasks_no_deadline"
    done = known_done(task.done, last)
    if done is not None:
        return "tasks_done_late" if done > effective_due(task.due) else "tasks_done_on_time"
    return "tasks_open_overdue" if task.due.date() <= last else "tasks_open_on_time"


def task_status(task: Task, last: date) -> str:
    done = known_done(task.done, last)
    if done is not None:
        if task.confirm_pending and (last - done.date()).days < 10:
            return "Chờ xác nhận"
        if task.due is None:
            return "Hoàn thành"
        if done > effective_due(task.due):
            return "Đã hoàn thành quá hạn"
        return "Hoàn thành trước hạn" if done.date() < task.due.date() else "Hoàn thành đúng hạn"
    if task.due is None:
        return "Đang thực hiện"
    if task.due.date() <= last:
        return "Đang thực hiện quá hạn"
    if (last - task.received.date()).days < 5:
        return "Chưa đến hạn"
    return "Đang thực hiện trong hạn"


# --- feedback --------------------------------------------------------------------------------------

FEEDBACK_CLASSES = ("feedback_done_on_time", "feedback_done_late", "feedback_open_on_time", "feedback_open_overdue")


def feedback_class(item: Feedback, last: date) -> str:
    done = known_done(item.done, last)
    if done is not None:
        return "feedback_done_late" if done > effective_due(item.due) else "feedback_done_on_time"
    return "feedback_open_overdue" if item.due.date() <= last else "feedback_open_on_time"


def feedback_status(item: Feedback, last: date) -> str:
    done = known_done(item.done, last)
    if done is not None:
        return "Đã trả lời" if item.answered else "Đã xử lý"
    if item.due.date() <= last:
        return "Quá hạn"
    if (last - item.received.date()).days < 2:
        return "Mới tiếp nhận"
    return "Đang xử lý"


def feedback_rating(item: Feedback, last: date) -> str:
    return item.rating if known_done(item.done, last) is not None else ""
