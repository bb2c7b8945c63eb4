"""Simulate the province's items day by day: TTHC cases, assigned tasks and feedback.

Every item gets its received, due and done date-times first; the exports are written from these
afterwards, so every figure in every file follows from the same items. The whole simulation is
deterministic: each unit and kind draws from its own generator seeded by (seed, kind, unit).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from oversight.demo import texts
from oversight.demo.calendar import (
    SEASON,
    TET,
    add_working_days,
    end_of_day,
    intake_weight,
    month_end,
    month_range,
    near_tet,
    next_working_day,
)
from oversight.demo.units import FIRST_MONTH, LAST_MONTH, DemoUnit, stable_rng
from oversight.units.registry import REFORM

WARM_UP = date(2024, 11, 1)  # items from here on, so January 2025 has a carried-over backlog
HORIZON = month_end(LAST_MONTH)
MONTHS = month_range(FIRST_MONTH, LAST_MONTH)
N_MONTHS = len(MONTHS)
VOLUME_SCALE = 0.9  # calibrates the case volume to about 4,000 new cases a month


@dataclass
class Case:
    code: str
    unit: str  # registry key
    procedure: str
    field: str
    applicant: str
    channel: str  # Trực tuyến | Trực tiếp | Dịch vụ bưu chính công ích
    received: datetime
    due: datetime  # 00:00 means the end of that day
    done: datetime | None
    outcome: str = "normal"  # normal | returned | withdrawn
    pause: tuple[datetime, datetime] | None = None  # waiting for the applicant's supplement


@dataclass
class Task:
    key: str
    doc_number: str
    doc_date: date
    received: datetime
    content: str
    assigned_by: str
    unit: str
    cooperating: list[str]
    due_original: datetime | None  # None: no deadline
    due: datetime | None  # effective (adjusted when extended)
    due_word: str  # "Thường xuyên" | "Không thời hạn" | "" for no-deadline tasks
    done: datetime | None
    confirm_pending: bool = False  # reported done, waiting for confirmation ("Chờ xác nhận")


@dataclass
class Feedback:
    code: str
    received: datetime
    channel: str
    field: str
    category: str
    level: str
    content: str
    area: str
    unit: str
    due: datetime
    done: datetime | None
    rating: str = ""
    answered: bool = False  # "Đã trả lời" rather than "Đã xử lý"


@dataclass
class World:
    units: list[DemoUnit]
    cases: list[Case] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)

    def unit(self, key: str) -> DemoUnit:
        return self._by_key[key]

    def __post_init__(self) -> None:
        self._by_key = {u.key: u for u in self.units}


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def month_index(day: date) -> int:
    return (day.year - FIRST_MONTH.year) * 12 + day.month - FIRST_MONTH.month


def progress(day: date) -> float:
    """0 in January 2025, 1 in October 2026: how far the improving department has come."""
    return min(max(month_index(day), 0), N_MONTHS - 1) / (N_MONTHS - 1)


def late_probability(unit: DemoUnit, received: date, due: date, rng_month: float) -> float:
    """The chance that an item is finished after its deadline."""
    p = unit.late
    if unit.story == "improving":
        p = 0.25 + (0.02 - 0.25) * progress(received)
    elif unit.story != "chronic":
        p *= rng_month
        if unit.group == "commune" and REFORM <= received < date(2025, 9, 1):
            p += 0.06  # the new communes' first two months
        if received.month == 12:
            p += 0.03
    if near_tet(due):
        p += 0.15
    return min(p, 0.95)


def _at(day: date, rng: random.Random, start: int = 7 * 60 + 30, end: int = 17 * 60) -> datetime:
    minute = rng.randrange(start, end)
    return datetime.combine(day, time(minute // 60, minute % 60))


def _days_of(unit: DemoUnit, first: date, last: date) -> list[date]:
    out = []
    day = first
    while day <= last:
        if unit.valid_on(day):
            out.append(day)
        day += timedelta(days=1)
    return out


def _intake(unit: DemoUnit, rng: random.Random, per_month: float, online_hours: bool = False):
    """Reception date-times for a unit over the whole simulated span, month by month."""
    for first in month_range(WARM_UP, HORIZON):
        days = _days_of(unit, first, month_end(first))
        if not days:
            continue
        weights = [intake_weight(d) for d in days]
        full = _month_weight(first)
        lam = per_month * SEASON[first.month] * sum(weights) / full
        n = poisson(rng, lam)
        picked = sorted(rng.choices(days, weights=weights, k=n))
        for day in picked:
            if online_hours and day.weekday() >= 5:
                yield _at(day, rng, 6 * 60, 22 * 60)
            else:
                yield _at(day, rng)


_ALL_DAYS: dict[date, list[date]] = {}
_MONTH_WEIGHT: dict[date, float] = {}


def _month_weight(first: date) -> float:
    if first not in _MONTH_WEIGHT:
        _MONTH_WEIGHT[first] = sum(intake_weight(d) for d in _days_of_all(first))
    return _MONTH_WEIGHT[first]


def _days_of_all(first: date) -> list[date]:
    if first not in _ALL_DAYS:
        last = month_end(first)
        _ALL_DAYS[first] = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return _ALL_DAYS[first]


def _finish(
    rng: random.Random, received: datetime, due: datetime, late: bool, tail: float = 0.08, early_share: float = 0.7
) -> datetime:
    """A completion date-time consistent with the lateness drawn (minute precision, working hours)."""
    due_end = end_of_day(due.date()) if due.time() == time(0) else due
    if late:
        days = rng.randint(20, 110) if rng.random() < tail else 1 + int(rng.expovariate(1 / 6))
        day = next_working_day(due.date() + timedelta(days=days))
        done = _at(day, rng, 8 * 60, 16 * 60 + 45)
        return max(done, due_end + timedelta(hours=1))
    earliest = received + timedelta(minutes=20)
    if rng.random() > early_share or earliest.date() >= due.date():
        # on the due date itself, before the deadline
        lo = max(earliest, datetime.combine(due.date(), time(7, 30)))
        hi = min(due_end - timedelta(minutes=1), datetime.combine(due.date(), time(17, 0)))
        if hi > lo:
            span = int((hi - lo).total_seconds() // 60)
            return lo + timedelta(minutes=rng.randint(0, span))
    span_days = (due.date() - earliest.date()).days
    if span_days <= 0:
        return earliest
    day = earliest.date() + timedelta(days=rng.randint(0, span_days - 1))
    done = _at(day, rng, 8 * 60, 17 * 60)
    return max(done, earliest)


def _cap(unit: DemoUnit, received: datetime, done: datetime | None, rng: random.Random) -> datetime | None:
    """A unit that ceases to exist (abolished district, merged department) closes its items first."""
    if unit.valid_to is None or (done is not None and done.date() <= unit.valid_to):
        return done
    close = datetime.combine(unit.valid_to, time(15, 0)) + timedelta(minutes=rng.randint(0, 90))
    return max(close, received + timedelta(minutes=10))


def simulate_cases(units: list[DemoUnit], seed: int) -> list[Case]:
    out: list[Case] = []
    for unit in units:
        if unit.cases <= 0:
            continue
        rng = stable_rng(seed, "cases", unit.key)
        month_noise = {m: rng.uniform(0.7, 1.3) for m in month_range(WARM_UP, HORIZON)}
        exact_due = unit.group == "department" or rng.random() < 0.5
        catalog = texts.procedures_for(unit)
        seq: dict[date, int] = {}
        for received in _intake(unit, rng, unit.cases * VOLUME_SCALE, online_hours=True):
            fld, proc, days = rng.choice(catalog)
            rday = received.date()
            start = rday if received.time() < time(17) and rday.weekday() < 5 else next_working_day(rday)
            due_day = add_working_days(start, days) if days else next_working_day(start)
            due = datetime.combine(due_day, received.time() if exact_due else time(0))
            if days == 0:
                due = datetime.combine(due_day, time(17, 0))
            online_share = 0.35 + 0.3 * min(max(month_index(rday), 0), N_MONTHS) / N_MONTHS
            if unit.group == "department":
                online_share += 0.15
            roll = rng.random()
            channel = (
                "Trực tuyến" if roll < online_share else ("Dịch vụ bưu chính công ích" if roll > 0.96 else "Trực tiếp")
            )
            outcome, pause = "normal", None
            kind = rng.random()
            p_late = late_probability(unit, rday, due_day, month_noise[rday.replace(day=1)])
            # the improving department also stops letting cases drag on for months
            tail, lost = (0.08 * (1 - progress(rday)), 0.0) if unit.story == "improving" else (0.08, 0.003)
            if kind < 0.012:
                outcome = "returned"
                done = _finish(rng, received, due, False)
            elif kind < 0.022:
                outcome = "withdrawn"
                done = _finish(rng, received, due, False)
            elif kind < 0.06:
                p_start = received + timedelta(days=rng.randint(1, max(1, days // 2 + 1)), hours=1)
                p_end = datetime.combine(
                    next_working_day(p_start.date() + timedelta(days=rng.randint(5, 45))), time(9, 0)
                )
                pause = (p_start, p_end)
                due = due + (p_end - p_start) + timedelta(days=1)
                due = due.replace(hour=due.hour if exact_due else 0, minute=due.minute if exact_due else 0)
                done = _finish(rng, p_end, due, rng.random() < p_late / 2, tail=tail)
            else:
                done = _finish(rng, received, due, rng.random() < p_late, tail=tail)
            if rng.random() < lost:
                done = None  # lost in the system: pending for ever
            done = _cap(unit, received, done, rng)
            if pause and done is not None and done <= pause[1]:
                pause = None
            n = seq[rday] = seq.get(rday, 0) + 1
            out.append(
                Case(
                    code=f"{unit.agency}-{rday:%y%m%d}-{n:04d}",
                    unit=unit.key,
                    procedure=proc,
                    field=fld,
                    applicant=texts.applicant(rng),
                    channel=channel,
                    received=received,
                    due=due,
                    done=done,
                    outcome=outcome,
                    pause=pause,
                )
            )
    return out


TASKS_PER_MONTH = 200
FEEDBACK_PER_MONTH = 350


def _pick_units(units: list[DemoUnit], day: date, weight: str, cache: dict) -> tuple[list[DemoUnit], list[float]]:
    """Units valid on the day with a positive weight (memoised per month: validity changes on the 1st)."""
    key = day.replace(day=1)
    if key not in cache:
        pool = [u for u in units if u.valid_on(day) and getattr(u, weight) > 0]
        cache[key] = (pool, [getattr(u, weight) for u in pool])
    return cache[key]


def simulate_tasks(units: list[DemoUnit], seed: int) -> list[Task]:
    rng = stable_rng(seed, "tasks")
    departments = [u for u in units if u.group == "department"]
    out: list[Task] = []
    doc_no: dict[int, int] = {}
    pools: dict = {}
    used: set[tuple[str, str]] = set()
    for first in month_range(WARM_UP, HORIZON):
        days = [d for d in _days_of_all(first) if d.weekday() < 5]
        weights = [intake_weight(d) for d in days]
        n_docs = poisson(rng, TASKS_PER_MONTH / 1.6 * SEASON[first.month])
        for doc_day in sorted(rng.choices(days, weights=weights, k=n_docs)):
            year = doc_day.year
            doc_no[year] = doc_no.get(year, 90) + rng.randint(3, 40)
            doc_number = texts.doc_number(rng, doc_no[year])
            leader = rng.choice(texts.LEADERS)
            pool, w = _pick_units(units, doc_day, "tasks", pools)
            n_tasks = rng.choice((1, 1, 1, 2, 2, 3))
            leads = {u.key: u for u in rng.choices(pool, weights=w, k=n_tasks)}
            assigned = datetime.combine(next_working_day(doc_day + timedelta(days=rng.choice((0, 0, 1, 2)))), time(0))
            for k, unit in enumerate(leads.values()):
                content = texts.task_content(rng, unit)
                while (doc_number, content) in used:  # a task is known by its document and its text
                    content = texts.task_content(rng, unit)
                used.add((doc_number, content))
                coop_pool = [d for d in departments if d.valid_on(doc_day) and d.key != unit.key]
                cooperating = [d.key for d in rng.sample(coop_pool, rng.choice((0, 1, 1, 2, 3)))]
                roll = rng.random()
                due_word = ""
                if roll < 0.1:
                    due_original = due = None
                    due_word = rng.choice(("Thường xuyên", "Không thời hạn", "Thường xuyên"))
                else:
                    due_original = datetime.combine(add_working_days(assigned.date(), rng.randint(5, 35)), time(0))
                    due = due_original
                    if rng.random() < 0.08:
                        due = due_original + timedelta(days=rng.randint(10, 30))
                if due is None:
                    done = None
                    if rng.random() < 0.7:
                        done = datetime.combine(
                            next_working_day(assigned.date() + timedelta(days=rng.randint(20, 150))), time(0)
                        )
                else:
                    p_late = min(0.95, late_probability(unit, doc_day, due.date(), 1.0) * 1.4 + 0.03)
                    done_dt = _finish(rng, assigned, due, rng.random() < p_late, tail=0.15, early_share=0.8)
                    done = datetime.combine(done_dt.date(), time(0))
                    if rng.random() < 0.01:
                        done = None
                done = _cap(unit, assigned, done, rng)
                if done is not None:
                    done = datetime.combine(done.date(), time(0))
                out.append(
                    Task(
                        key=f"{doc_day:%Y}:{doc_number}#{k + 1}",
                        doc_number=doc_number,
                        doc_date=doc_day,
                        received=assigned,
                        content=content,
                        assigned_by=leader,
                        unit=unit.key,
                        cooperating=cooperating,
                        due_original=due_original,
                        due=due,
                        due_word=due_word,
                        done=done,
                        confirm_pending=rng.random() < 0.05,
                    )
                )
    return out


def simulate_feedback(units: list[DemoUnit], seed: int) -> list[Feedback]:
    rng = stable_rng(seed, "feedback")
    communes_by_day: dict[bool, list[DemoUnit]] = {
        False: [u for u in units if u.group == "commune" and u.valid_to is not None],
        True: [u for u in units if u.group == "commune" and u.valid_to is None],
    }
    out: list[Feedback] = []
    seq: dict[date, int] = {}
    pools: dict = {}
    for first in month_range(WARM_UP, HORIZON):
        days = _days_of_all(first)
        weights = [max(intake_weight(d), 0.25) for d in days]
        n = poisson(rng, FEEDBACK_PER_MONTH * SEASON[first.month])
        for day in sorted(rng.choices(days, weights=weights, k=n)):
            received = _at(day, rng, 6 * 60, 22 * 60)
            pool, w = _pick_units(units, day, "feedback", pools)
            unit = rng.choices(pool, weights=w, k=1)[0]
            area = unit if unit.group == "commune" else rng.choice(communes_by_day[day >= REFORM])
            fld, category, content = texts.feedback_content(rng, unit, area)
            due_day = add_working_days(next_working_day(day), rng.choice((5, 7, 10, 10, 15)))
            due = datetime.combine(due_day, received.time())
            p_late = min(0.95, late_probability(unit, day, due_day, rng.uniform(0.6, 1.4)) * 1.2)
            late = rng.random() < p_late
            done = _finish(rng, received, due, late, tail=0.1)
            if rng.random() < 0.005:
                done = None
            done = _cap(unit, received, done, rng)
            rating = ""
            if done is not None:
                r = rng.random()
                if r < (0.45 if late else 0.68):
                    rating = "Hài lòng"
                elif r < (0.75 if late else 0.8):
                    rating = "Không hài lòng"
            n_seq = seq[day] = seq.get(day, 0) + 1
            out.append(
                Feedback(
                    code=f"PAKN-{day:%y%m%d}-{n_seq:03d}",
                    received=received,
                    channel=rng.choices(texts.FEEDBACK_CHANNELS, weights=(40, 20, 8, 17, 15), k=1)[0],
                    field=fld,
                    category=category,
                    level=rng.choices(("Thông thường", "Khẩn", "Hỏa tốc"), weights=(90, 9, 1), k=1)[0],
                    content=content,
                    area=area.name,
                    unit=unit.key,
                    due=due,
                    done=done,
                    rating=rating,
                    answered=rng.random() < 0.35,
                )
            )
    return out


def simulate(units: list[DemoUnit], seed: int) -> World:
    world = World(units)
    world.cases = simulate_cases(units, seed)
    world.tasks = simulate_tasks(units, seed)
    world.feedback = simulate_feedback(units, seed)
    return world


__all__ = ["Case", "Feedback", "MONTHS", "TET", "Task", "World", "simulate"]
