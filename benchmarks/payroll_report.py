"""The monthly payroll report at company scale: 500 employees × 31 days, about 25,000 punches.

What it measures (the 考勤汇总 issue's targets: the xlsx in ≤ 5 s, peak memory ≤ 400 MB):

1. **xlsx**: :func:`kiosk.reports.xlsx.write_timesheet_xlsx` of the month, in
   English and in Chinese (median of ``--repeat`` runs, seconds, and the file's size).
2. **Peak memory of the write**: the Python heap's peak during one write
   (``tracemalloc``, a separate run because tracing slows it), and the
   process's peak resident size (``ru_maxrss``: the synthetic month included).
3. **CSV**: :func:`kiosk.reports.timesheet_csv.write_timesheet_csv` of the
   biggest sheet, ``days`` (15,500 rows).
4. **The rules**: :func:`kiosk.attendance.timesheet.evaluate` of the same raw
   inputs (target ≤ 2 s), and the whole query HR runs,
   :func:`kiosk.reports.timesheet_query.load_timesheet`, from an SQLite file
   holding those employees, shifts and punches (what ``kiosk export --format
   xlsx`` does before it writes).

:func:`synthetic_month` returns both the raw inputs of the payroll rules
(staff, shifts, assignments, punches, leave, company calendar dates) and a
:class:`~kiosk.attendance.records.Timesheet` built straight from the same
draws, so the writers are measured apart from the rules, and timing the
rules (``kiosk.attendance.timesheet.evaluate``) can be added beside them.
July 2025: 23 weekdays, one of them a company day off; three shifts (day,
evening, night; the night shift ends the next morning). A benchmark, never
a test: no time is asserted anywhere.

Usage::

    uv run python benchmarks/payroll_report.py [--employees 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time as clock
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import partial
from pathlib import Path

from kiosk.attendance.calendar import WorkCalendar
from kiosk.attendance.records import (
    Break,
    CalendarDay,
    CalendarOverride,
    DayKind,
    DayStatus,
    Leave,
    LeaveType,
    PersonDay,
    PersonPeriod,
    Punch,
    Shift,
    ShiftAssignment,
    Staff,
    Timesheet,
)
from kiosk.attendance.timesheet import evaluate
from kiosk.reports.timesheet_csv import write_timesheet_csv
from kiosk.reports.timesheet_query import load_timesheet
from kiosk.reports.xlsx import write_timesheet_xlsx
from kiosk.storage.models import ImportedPunch
from kiosk.storage.repository import Repository

START, END = date(2025, 7, 1), date(2025, 7, 31)
COMPANY_DAY_OFF = CalendarOverride(date(2025, 7, 18), off=True, name="公司年会")
SHIFTS: dict[str, Shift] = {
    "白班": Shift("白班", time(8, 30), time(17, 30), (Break(time(12, 0), time(13, 0)),)),
    "中班": Shift("中班", time(14, 0), time(22, 30), (Break(time(18, 0), time(18, 30)),)),
    "夜班": Shift("夜班", time(22, 0), time(6, 30), (Break(time(2, 0), time(2, 30)),)),
}
"""Three eight-hour shifts; 夜班 ends the next morning."""
SHIFT_WEIGHTS = (0.6, 0.25, 0.15)
DEPARTMENTS = ("研发部", "生产一车间", "生产二车间", "质检部", "仓储物流部", "行政人事部", "财务部", "销售部（华东区）")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈欧阳"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉晨曦梓涵浩宇欣怡子轩"
OUTCOMES = (
    (DayStatus.NORMAL, 0.78), (DayStatus.OVERTIME, 0.05), (DayStatus.LATE, 0.06), (DayStatus.EARLY_LEAVE, 0.03),
    (DayStatus.LATE_AND_EARLY, 0.01), (DayStatus.MISSING_PUNCH, 0.03), (DayStatus.ABSENT, 0.01),
    (DayStatus.LEAVE, 0.03),
)  # fmt: skip
"""How a scheduled day goes, with its probability."""


@dataclass(frozen=True)
class SyntheticMonth:
    """The rules' raw inputs for one month, and a timesheet drawn alongside them (not computed by the rules)."""

    start: date
    end: date
    staff: tuple[Staff, ...]
    shifts: dict[str, Shift]
    assignments: tuple[ShiftAssignment, ...]
    punches: tuple[Punch, ...]
    leaves: tuple[Leave, ...]
    overrides: dict[date, CalendarOverride]
    timesheet: Timesheet


def _minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)


def _person_month(
    rng: random.Random, person: Staff, shift: Shift, punches: list[Punch], leaves: list[Leave]
) -> PersonPeriod:
    """Draw one person's days: their punches and leave go to ``punches``/``leaves``, their days into the result."""
    days: list[PersonDay] = []
    pause = shift.breaks[0]
    pause_minutes = _minutes(datetime.combine(START, pause.end) - datetime.combine(START, pause.start))
    for offset in range((END - START).days + 1):
        day = START + timedelta(days=offset)
        company_off = day == COMPANY_DAY_OFF.day
        calendar = CalendarDay(day, DayKind.HOLIDAY, COMPANY_DAY_OFF.name, "company") if company_off else (
            CalendarDay(day, DayKind.ORDINARY))  # fmt: skip
        begin = datetime.combine(day, shift.start)
        end = datetime.combine(day + timedelta(days=shift.end <= shift.start), shift.end)
        paid = _minutes(end - begin) - pause_minutes
        scheduled = day.weekday() in shift.workdays and not company_off
        if not scheduled:
            rest = DayStatus.HOLIDAY if company_off else DayStatus.REST
            if rng.random() < 0.03:  # weekend overtime
                first, last = begin + timedelta(minutes=rng.randint(-10, 10)), begin + timedelta(hours=4)
                punches += [Punch(person.employee_id, first, "face", "kiosk-1"),
                            Punch(person.employee_id, last, "face", "kiosk-1")]  # fmt: skip
                extra = _minutes(last - first)
                field = "overtime_holiday_minutes" if company_off else "overtime_restday_minutes"
                days.append(PersonDay(person.employee_id, day, shift.name, calendar, False, DayStatus.OVERTIME,
                                      first, last, 2, 0, extra, **{field: extra}))  # fmt: skip
            else:
                days.append(PersonDay(person.employee_id, day, shift.name, calendar, False, rest))
            continue
        status = rng.choices([o for o, _ in OUTCOMES], [w for _, w in OUTCOMES])[0]
        if status is DayStatus.LEAVE:
            leaves.append(Leave(person.employee_id, begin, end, LeaveType.ANNUAL))
            days.append(PersonDay(person.employee_id, day, shift.name, calendar, True, status,
                                  scheduled_minutes=paid, leave_minutes=paid))  # fmt: skip
            continue
        if status is DayStatus.ABSENT:
            days.append(PersonDay(person.employee_id, day, shift.name, calendar, True, status,
                                  scheduled_minutes=paid, absent=True))  # fmt: skip
            continue
        late = rng.randint(6, 60) if status in (DayStatus.LATE, DayStatus.LATE_AND_EARLY) else 0
        early = rng.randint(5, 90) if status in (DayStatus.EARLY_LEAVE, DayStatus.LATE_AND_EARLY) else 0
        overtime = rng.randint(60, 180) if status is DayStatus.OVERTIME else 0
        first = begin + timedelta(minutes=late or -rng.randint(1, 25), seconds=rng.randint(0, 59))
        last = end + timedelta(minutes=overtime - early if overtime or early else rng.randint(0, 40))
        own = [first] if status is DayStatus.MISSING_PUNCH else [first, last]
        if rng.random() < 0.1:  # a second scan at the door, a minute later
            own.append(first + timedelta(minutes=1))
        if rng.random() < 0.15 and status is not DayStatus.MISSING_PUNCH:  # out and back in for the break
            pause_day = begin.date() + timedelta(days=pause.start < shift.start)  # the night shift's is tomorrow
            own += [datetime.combine(pause_day, pause.start), datetime.combine(pause_day, pause.end)]
        own.sort()
        punches += [Punch(person.employee_id, at, rng.choice(("face", "face", "face", "pin")),
                          f"kiosk-{rng.randint(1, 3)}") for at in own]  # fmt: skip
        missing = status is DayStatus.MISSING_PUNCH
        days.append(PersonDay(
            person.employee_id, day, shift.name, calendar, True, status, first, None if missing else last,
            len(own), paid, 0 if missing else paid - late - early + overtime, late, early, missing,
            overtime_workday_minutes=overtime,
        ))  # fmt: skip
    counted = [day for day in days if day.scheduled]
    return PersonPeriod(
        person.employee_id, person.code, person.name, person.department, shift.name, len(counted),
        sum(day.first_in is not None for day in counted), sum(day.late_minutes > 0 for day in days),
        sum(day.late_minutes for day in days), sum(day.early_leave_minutes > 0 for day in days),
        sum(day.early_leave_minutes for day in days), sum(day.missing_punch for day in days),
        sum(day.absent for day in days), sum(day.leave_minutes for day in days),
        sum(day.overtime_workday_minutes for day in days), sum(day.overtime_restday_minutes for day in days),
        sum(day.overtime_holiday_minutes for day in days), sum(day.worked_minutes for day in days), tuple(days),
    )  # fmt: skip


def synthetic_month(employees: int = 500, seed: int = 2025) -> SyntheticMonth:
    """July 2025 for ``employees`` people, drawn from ``seed`` (the same seed gives the same month)."""
    rng = random.Random(seed)
    staff = tuple(
        Staff(n, f"E{n:04d}", rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2))),
              rng.choice(DEPARTMENTS))
        for n in range(1, employees + 1)
    )  # fmt: skip
    names = rng.choices(list(SHIFTS), SHIFT_WEIGHTS, k=employees)
    assignments = tuple(
        ShiftAssignment(p.employee_id, name, date(2025, 1, 1)) for p, name in zip(staff, names, strict=True)
    )
    punches: list[Punch] = []
    leaves: list[Leave] = []
    people = tuple(_person_month(rng, p, SHIFTS[name], punches, leaves) for p, name in zip(staff, names, strict=True))
    timesheet = Timesheet(START, END, people, tuple(sorted(punches, key=lambda p: (p.employee_id, p.at))))
    overrides = {COMPANY_DAY_OFF.day: COMPANY_DAY_OFF}
    return SyntheticMonth(START, END, staff, SHIFTS, assignments, tuple(punches), tuple(leaves), overrides, timesheet)


def _median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = clock.perf_counter()
        run()
        times.append(clock.perf_counter() - began)
    return statistics.median(times)


def _traced_peak_mb(run: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _stored_month(month: SyntheticMonth, path: Path) -> Repository:
    """An SQLite file with the month's staff, shifts, assignments and punches (as imported punches)."""
    repo = Repository(path)
    ids: dict[int, int] = {}
    for person in month.staff:
        ids[person.employee_id] = repo.employees.add(person.code, person.name, person.department, actor="bench").id
    for shift in month.shifts.values():
        repo.shifts.add(
            shift.name, shift.start.strftime("%H:%M"), shift.end.strftime("%H:%M"),
            breaks=[(b.start.strftime("%H:%M"), b.end.strftime("%H:%M")) for b in shift.breaks],
            late_grace_min=shift.late_grace_min, early_grace_min=shift.early_grace_min,
            workdays=sorted(shift.workdays), statutory_calendar=shift.statutory_calendar, actor="bench",
        )  # fmt: skip
    for assignment in month.assignments:
        repo.shifts.assign(ids[assignment.employee_id], assignment.shift_name, assignment.valid_from, actor="bench")
    zone = timezone(timedelta(hours=8))
    punches = [
        ImportedPunch(
            employee_id=ids[punch.employee_id], kind="in" if index % 2 == 0 else "out",
            at_utc=punch.at.replace(tzinfo=zone).astimezone(UTC), utc_offset_minutes=480, device_id="bench",
        )
        for index, punch in enumerate(month.punches)
    ]  # fmt: skip
    repo.events.add_imported(punches, actor="bench", source="benchmark")
    return repo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is reported")
    args = parser.parse_args(argv)
    began = clock.perf_counter()
    month = synthetic_month(args.employees)
    built = clock.perf_counter() - began
    days = sum(len(person.days) for person in month.timesheet.people)
    print(
        f"synthetic month: {len(month.staff)} employees × {(month.end - month.start).days + 1} days, "
        f"{len(month.shifts)} shifts, {len(month.punches):,} punches, {days:,} person-days (drawn in {built:.2f} s)"
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "timesheet.xlsx"
        for language in ("en", "zh_CN"):
            seconds = _median_seconds(
                partial(write_timesheet_xlsx, month.timesheet, path, language=language), args.repeat
            )
            print(f"xlsx write ({language}): {seconds:.2f} s, {path.stat().st_size / 1e6:.1f} MB "
                  f"(target ≤ 5 s)")  # fmt: skip
        peak = _traced_peak_mb(lambda: write_timesheet_xlsx(month.timesheet, path))
        print(f"xlsx peak Python heap during the write (tracemalloc): {peak:.1f} MB")
        csv_path = Path(folder) / "days.csv"
        seconds = _median_seconds(lambda: write_timesheet_csv(month.timesheet, csv_path, "days"), args.repeat)
        print(f"csv write (days sheet, {days:,} rows): {seconds:.2f} s, {csv_path.stat().st_size / 1e6:.1f} MB")
    calendar = WorkCalendar(month.overrides)
    seconds = _median_seconds(
        lambda: evaluate(
            start=month.start, end=month.end, employees=month.staff, shifts=month.shifts,
            assignments=month.assignments, punches=month.punches, leaves=month.leaves, calendar=calendar,
        ),
        args.repeat,
    )  # fmt: skip
    print(f"rules (evaluate, in memory): {seconds:.2f} s (target ≤ 2 s)")
    with tempfile.TemporaryDirectory() as folder:
        repo = _stored_month(month, Path(folder) / "month.sqlite")
        with repo:
            seconds = _median_seconds(lambda: load_timesheet(repo, month.start, month.end, today=None), args.repeat)
        print(f"rules from the database (load_timesheet: query + evaluate): {seconds:.2f} s")
    # ru_maxrss is KiB on Linux and bytes on macOS.
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1e6 if sys.platform == "darwin" else 1e3)
    print(f"process peak resident memory (month, writes included): {rss_mb:.0f} MB (target ≤ 400 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
