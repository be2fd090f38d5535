"""The payroll rules: what each person's days over a period add up to.

One pure function, :func:`evaluate`, over plain records (no storage, no Qt).
The rules are stated, with worked examples, in the README (Export for HR, "The attendance rules");
the numbers there are the golden test's (``tests/unit/attendance/``). Times
are local naive wall-clock datetimes; durations are whole minutes, always
rounded down, so a fraction of a minute never counts against anyone.

Cost: punches are grouped by employee once and each is placed by looking at
three candidate days, calendar days and laid-out shifts are computed once per
period, so the work grows with employees × days + punches (500 people × 31
days with 25,000 punches takes about 0.2 s on a 2-core machine).
"""

from __future__ import annotations

import logging
import time as clock
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.attendance.calendar import WorkCalendar
from kiosk.attendance.records import (
    CalendarDay,
    DayKind,
    DayStatus,
    Leave,
    PersonDay,
    PersonPeriod,
    Punch,
    Shift,
    ShiftAssignment,
    Staff,
    Timesheet,
)
from kiosk.attendance.shifts import (
    break_intervals,
    is_scheduled,
    scheduled_minutes,
    shift_window,
    validate_shift,
)
from kiosk.errors import InputError

log = logging.getLogger("kiosk.attendance")

#: The longest period :func:`evaluate` accepts, in days: a leap year. A longer
#: export would be one sheet of well over 100,000 rows per thousand people.
MAX_PERIOD_DAYS = 366

_DAY = timedelta(days=1)
_MINUTE = timedelta(minutes=1)

Interval = tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class _Plan:
    """One shift laid on one date: its times, breaks, punch window and paid minutes."""

    shift: Shift
    start: datetime
    end: datetime
    window_start: datetime
    window_end: datetime
    breaks: tuple[Interval, ...]
    paid_minutes: int

    @classmethod
    def lay(cls, shift: Shift, day: date) -> _Plan:
        start, end = shift_window(shift, day)
        return cls(
            shift=shift,
            start=start,
            end=end,
            window_start=start - timedelta(minutes=shift.punch_window_before_min),
            window_end=start + timedelta(minutes=shift.punch_window_after_min),
            breaks=tuple(break_intervals(shift, day)),
            paid_minutes=scheduled_minutes(shift),
        )

    def distance(self, at: datetime) -> timedelta:
        """How far ``at`` is from the scheduled time (zero inside it): decides between overlapping windows."""
        if at < self.start:
            return self.start - at
        return at - self.end if at > self.end else timedelta(0)

    def unpaid_within(self, begin: datetime, end: datetime) -> timedelta:
        """How much of ``begin``–``end`` falls in this shift's breaks."""
        return sum((_overlap(begin, end, *rest) for rest in self.breaks), timedelta(0))

    def paid_within(self, begin: datetime, end: datetime) -> timedelta:
        """How much of ``begin``–``end`` is paid scheduled time (inside the shift, outside its breaks)."""
        begin, end = max(begin, self.start), min(end, self.end)
        if end <= begin:
            return timedelta(0)
        return end - begin - self.unpaid_within(begin, end)


def _overlap(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> timedelta:
    return max(timedelta(0), min(a_end, b_end) - max(a_start, b_start))


def _whole_minutes(span: timedelta) -> int:
    """Whole minutes in ``span``, rounded down (negative spans round towards minus infinity)."""
    return span // _MINUTE


def _round_down(minutes: int, unit: int) -> int:
    return minutes // unit * unit if minutes > 0 else 0


def check_period(start: date, end: date) -> int:
    """The number of days from ``start`` to ``end`` inclusive, or :class:`InputError` if it cannot be exported."""
    if end < start:
        raise InputError(f"the period ends on {end} before it starts on {start}; give the start first")
    days = (end - start).days + 1
    if days > MAX_PERIOD_DAYS:
        raise InputError(f"a period of {days} days is longer than {MAX_PERIOD_DAYS} days; export one year at a time")
    return days


def _merge(leaves: Sequence[Leave]) -> list[Interval]:
    """Leave as disjoint time intervals in order; touching or overlapping leaves become one."""
    merged: list[Interval] = []
    for leave in sorted(leaves, key=lambda item: item.start):
        if leave.end <= leave.start:
            continue
        if merged and leave.start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], leave.end))
        else:
            merged.append((leave.start, leave.end))
    return merged


def _moved_edges(plan: _Plan, leaves: Sequence[Interval]) -> Interval:
    """Rule 4: a leave covering the start (end) moves it to the leave's end (start).

    An edge moved into a break moves on past it: after leave until 12:00 with
    lunch 12:00–13:00 the person is due at 13:00. Repeats until nothing moves.
    """
    start, end = plan.start, plan.end
    moved = True
    while moved and start < end:
        moved = False
        for begin, finish in (*leaves, *plan.breaks):
            if begin <= start < finish:
                start, moved = finish, True
            if begin < end <= finish:
                end, moved = begin, True
    return start, end


def _assign(
    plans: Sequence[_Plan | None], punches: Sequence[Punch], first: date
) -> tuple[list[list[Punch]], list[Punch]]:
    """Rule 1: each punch to the day whose window holds it; overlapping windows go to the nearer scheduled time.

    A window holds punches from its start (inclusive) to its end (exclusive).
    Two windows overlap only where a person's shift changes; a punch there
    goes to the shift whose start–end it is nearer, the earlier day on a tie.
    Returns the punches per day index (in the order given) and those in no window.
    """
    owned: list[list[Punch]] = [[] for _ in plans]
    strays: list[Punch] = []
    for punch in punches:
        index = (punch.at.date() - first).days
        best: tuple[timedelta, int] | None = None
        for candidate in (index - 1, index, index + 1):
            plan = plans[candidate] if 0 <= candidate < len(plans) else None
            if plan is None or not plan.window_start <= punch.at < plan.window_end:
                continue
            distance = plan.distance(punch.at)
            if best is None or distance < best[0]:
                best = (distance, candidate)
        if best is None:
            strays.append(punch)
        else:
            owned[best[1]].append(punch)
    return owned, strays


def _judge(
    employee_id: int,
    plan: _Plan,
    calendar_day: CalendarDay,
    punches: Sequence[Punch],
    leaves: Sequence[Interval],
    today: date | None,
) -> PersonDay:
    """Rules 2–7 for one person on one date they are employed."""
    shift, scheduled = plan.shift, is_scheduled(plan.shift, calendar_day)
    first_in = punches[0].at if punches else None
    last_out = punches[-1].at if len(punches) >= 2 else None
    worked = late = early = leave_minutes = workday_overtime = restday_overtime = holiday_overtime = 0
    missing = absent = False
    if today is not None and calendar_day.day >= today:
        status = DayStatus.IN_PROGRESS
    else:
        if first_in is not None and last_out is not None:
            worked = _whole_minutes(last_out - first_in - plan.unpaid_within(first_in, last_out))
        # Every hour worked on a statutory holiday is holiday overtime, also for a shift that
        # ignores the statutory calendar and is scheduled that day (劳动法 art. 44 pays them all).
        statutory_holiday = calendar_day.kind is DayKind.HOLIDAY and calendar_day.source == "statutory"
        if statutory_holiday:
            holiday_overtime = _round_down(worked, shift.overtime_unit_min)
        elif not scheduled:
            restday_overtime = _round_down(worked, shift.overtime_unit_min)
        if scheduled:
            paid_leave = sum((plan.paid_within(*leave) for leave in leaves), timedelta(0))
            whole_day_leave = _whole_minutes(paid_leave) >= plan.paid_minutes
            leave_minutes = plan.paid_minutes if whole_day_leave else _whole_minutes(paid_leave)
            absent = not punches and not whole_day_leave
            missing = len(punches) == 1 and not whole_day_leave
            if first_in is not None and last_out is not None and not whole_day_leave:
                due_in, due_out = _moved_edges(plan, leaves)
                late = _whole_minutes(first_in - due_in)
                late = late if late > shift.late_grace_min else 0
                early = _whole_minutes(due_out - last_out)
                early = early if early > shift.early_grace_min else 0
                if not statutory_holiday:
                    workday_overtime = _round_down(_whole_minutes(last_out - plan.end), shift.overtime_unit_min)
        overtime = bool(workday_overtime or restday_overtime or holiday_overtime)
        status = _status(calendar_day, scheduled, absent, missing, late, early, leave_minutes, overtime)
    return PersonDay(
        employee_id, calendar_day.day, shift.name, calendar_day, scheduled, status,
        first_in=first_in, last_out=last_out, punches=len(punches),
        scheduled_minutes=plan.paid_minutes if scheduled else 0, worked_minutes=worked,
        late_minutes=late, early_leave_minutes=early, missing_punch=missing, absent=absent,
        leave_minutes=leave_minutes, overtime_workday_minutes=workday_overtime,
        overtime_restday_minutes=restday_overtime, overtime_holiday_minutes=holiday_overtime,
    )  # fmt: skip


def _status(
    calendar_day: CalendarDay,
    scheduled: bool,
    absent: bool,
    missing: bool,
    late: int,
    early: int,
    leave: int,
    overtime: bool,
) -> DayStatus:
    """The most serious of the day's facts, in :class:`DayStatus` order."""
    if not scheduled:
        if overtime:
            return DayStatus.OVERTIME
        return DayStatus.HOLIDAY if calendar_day.kind is DayKind.HOLIDAY else DayStatus.REST
    if absent or missing:
        return DayStatus.ABSENT if absent else DayStatus.MISSING_PUNCH
    if late and early:
        return DayStatus.LATE_AND_EARLY
    if late or early:
        return DayStatus.LATE if late else DayStatus.EARLY_LEAVE
    if leave:
        return DayStatus.LEAVE
    return DayStatus.OVERTIME if overtime else DayStatus.NORMAL


def _total(staff: Staff, days: Sequence[PersonDay]) -> PersonPeriod:
    """Rule 7 and the summary row: sums over the days that count (employed, and over)."""
    counted = [day for day in days if day.status not in (DayStatus.NOT_EMPLOYED, DayStatus.IN_PROGRESS)]
    scheduled = [day for day in counted if day.scheduled]
    employed = [day for day in days if day.status is not DayStatus.NOT_EMPLOYED]
    return PersonPeriod(
        employee_id=staff.employee_id,
        code=staff.code,
        name=staff.name,
        department=staff.department,
        shift_name=employed[-1].shift_name if employed else "",
        scheduled_days=len(scheduled),
        days_present=sum(1 for day in scheduled if day.punches),
        late_count=sum(1 for day in counted if day.late_minutes),
        late_minutes=sum(day.late_minutes for day in counted),
        early_leave_count=sum(1 for day in counted if day.early_leave_minutes),
        early_leave_minutes=sum(day.early_leave_minutes for day in counted),
        missing_punch_count=sum(1 for day in counted if day.missing_punch),
        absent_days=sum(1 for day in counted if day.absent),
        leave_minutes=sum(day.leave_minutes for day in counted),
        overtime_workday_minutes=sum(day.overtime_workday_minutes for day in counted),
        overtime_restday_minutes=sum(day.overtime_restday_minutes for day in counted),
        overtime_holiday_minutes=sum(day.overtime_holiday_minutes for day in counted),
        worked_minutes=sum(day.worked_minutes for day in counted),
        days=tuple(days),
    )


def evaluate(
    *,
    start: date,
    end: date,
    employees: Sequence[Staff],
    shifts: Mapping[str, Shift],
    assignments: Sequence[ShiftAssignment],
    punches: Sequence[Punch],
    leaves: Sequence[Leave],
    calendar: WorkCalendar,
    today: date | None = None,
) -> Timesheet:
    """Each employee's days from ``start`` to ``end`` (inclusive, local dates) under the rules.

    ``shifts`` are looked up by the assignments' ``shift_name``; every one is
    validated. ``today`` (from the kiosk's clock) and later days are
    :attr:`DayStatus.IN_PROGRESS` and count nothing; ``None`` counts every
    day. Punches and leave of people not in ``employees`` are ignored. The
    result lists people by code, and the punches (those owned by a day of
    the period, or dated in it but in no window) by code and time.
    Raises :class:`InputError` for a backwards period, one over
    :data:`MAX_PERIOD_DAYS`, an invalid shift, or an assignment naming a
    shift that is not in ``shifts``.
    """
    began = clock.perf_counter()
    check_period(start, end)
    for shift in shifts.values():
        validate_shift(shift)
    # One day either side: a night shift of the day before owns the first morning's punches.
    first, last = start - _DAY, end + _DAY
    dates = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    calendar_days = calendar.days(start, end)
    wanted = {staff.employee_id for staff in employees}
    punches_of: dict[int, list[Punch]] = defaultdict(list)
    for punch in punches:
        if punch.employee_id in wanted and first <= punch.at.date() <= last:
            punches_of[punch.employee_id].append(punch)
    leaves_of: dict[int, list[Leave]] = defaultdict(list)
    for leave in leaves:
        if leave.employee_id in wanted:
            leaves_of[leave.employee_id].append(leave)
    assignments_of: dict[int, list[ShiftAssignment]] = defaultdict(list)
    for assignment in sorted(assignments, key=lambda item: item.valid_from):
        if assignment.employee_id in wanted:
            assignments_of[assignment.employee_id].append(assignment)
    laid: dict[tuple[str, date], _Plan] = {}
    people: list[PersonPeriod] = []
    kept: list[Punch] = []
    strays = 0
    for staff in sorted(employees, key=lambda item: item.code):
        plans = _plans(staff, assignments_of[staff.employee_id], shifts, dates, laid)
        own = sorted(punches_of.get(staff.employee_id, []), key=lambda item: item.at)
        owned, stray = _assign(plans, own, first)
        strays += len(stray)
        leave_spans = _merge(leaves_of.get(staff.employee_id, []))
        days: list[PersonDay] = []
        for index in range(1, len(dates) - 1):
            plan, calendar_day = plans[index], calendar_days[dates[index]]
            if plan is None:
                days.append(PersonDay(staff.employee_id, dates[index], "", calendar_day, False, DayStatus.NOT_EMPLOYED))
                continue
            near = [span for span in leave_spans if span[0] < plan.end and span[1] > plan.start]
            days.append(_judge(staff.employee_id, plan, calendar_day, owned[index], near, today))
        people.append(_total(staff, days))
        shown = [punch for day_punches in owned[1:-1] for punch in day_punches]
        shown.extend(punch for punch in stray if start <= punch.at.date() <= end)
        kept.extend(sorted(shown, key=lambda item: item.at))
    notice = calendar.notice(start, end)
    log.debug(
        "evaluated %d people over %d days with %d punches (%d in no window) in %.0f ms",
        len(people), len(dates) - 2, len(kept), strays, (clock.perf_counter() - began) * 1000,
    )  # fmt: skip
    return Timesheet(start, end, tuple(people), tuple(kept), (notice,) if notice else ())


def _plans(
    staff: Staff,
    assignments: Sequence[ShiftAssignment],
    shifts: Mapping[str, Shift],
    dates: Sequence[date],
    laid: dict[tuple[str, date], _Plan],
) -> list[_Plan | None]:
    """The shift laid on each date for one person, ``None`` before their first assignment.

    The newest assignment on or before a date decides it (``assignments`` is
    sorted by ``valid_from``; on the same date the later one given wins).
    """
    plans: list[_Plan | None] = []
    current: ShiftAssignment | None = None
    pending = list(assignments)
    for day in dates:
        while pending and pending[0].valid_from <= day:
            current = pending.pop(0)
        if current is None:
            plans.append(None)
            continue
        key = (current.shift_name, day)
        plan = laid.get(key)
        if plan is None:
            shift = shifts.get(current.shift_name)
            if shift is None:
                raise InputError(
                    f"{staff.code} {staff.name} works shift {current.shift_name!r} from {current.valid_from}, "
                    "but no shift has that name; add the shift or change the assignment"
                )
            plan = laid[key] = _Plan.lay(shift, day)
        plans.append(plan)
    return plans
