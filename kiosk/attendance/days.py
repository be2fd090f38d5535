"""Attendance rules: what a recognised face (or PIN) means, and what a day adds up to.

Days are the kiosk's local days, computed from each event's stored UTC offset,
so a kiosk in China (UTC+8) closes its day at local midnight, not at 08:00.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol

from kiosk.errors import InputError
from kiosk.storage.events import MAX_OFFSET_MINUTES, MIN_OFFSET_MINUTES
from kiosk.storage.models import AttendanceEvent, Direction, Employee, EventSource
from kiosk.storage.repository import Repository

log = logging.getLogger("kiosk.attendance")


@dataclass(frozen=True)
class DaySummary:
    """One employee's local day: first in and last out (local aware datetimes), time worked, flags.

    ``worked`` sums the day's in→out pairs. ``flags`` may hold ``"late"`` (first
    in after the start time), ``"in_progress"`` (today, not yet over, with an
    in still open: the person is simply still here), ``"missing_out"`` (an in
    with no out after it on a day that is over) and ``"missing_in"`` (an out
    with no in before it, which only a manual correction can produce).
    """

    employee_id: int
    code: str
    name: str
    department: str
    day: date
    first_in: datetime | None
    last_out: datetime | None
    worked: timedelta
    events: int
    flags: tuple[str, ...]


def employee_id_for(repo: Repository, employee_code: str | None) -> int | None:
    """The id behind an optional employee code filter; an unknown code raises :class:`InputError`."""
    if employee_code is None:
        return None
    employee = repo.employees.find(employee_code)
    if employee is None:
        raise InputError(f"There is no employee with code {employee_code}; check the code.")
    return employee.id


class EventRange(Protocol):
    """Where events are read by UTC range: ``repo.events``, or the view of a write transaction
    (:meth:`kiosk.storage.events.Events.deciding`)."""

    def between(
        self, start_utc: datetime, end_utc: datetime, employee_id: int | None = None
    ) -> list[AttendanceEvent]: ...


def events_on_local_days(
    repo: Repository, start: date, end: date, employee_id: int | None = None
) -> list[AttendanceEvent]:
    """Events whose kiosk-local day is in ``start``…``end`` (inclusive), oldest first."""
    return _on_local_days(repo.events, start, end, employee_id)


def _on_local_days(events: EventRange, start: date, end: date, employee_id: int | None) -> list[AttendanceEvent]:
    if end < start:
        raise InputError(f"The end date {end} is before the start date {start}; swap them.")
    # Widen the UTC window by the largest offsets on Earth, then keep exact local days.
    start_utc = _utc_midnight_shifted(start, -timedelta(minutes=MAX_OFFSET_MINUTES))
    end_utc = _utc_midnight_shifted(end, timedelta(days=1) - timedelta(minutes=MIN_OFFSET_MINUTES))
    return [event for event in events.between(start_utc, end_utc, employee_id) if start <= event.local_day <= end]


def _utc_midnight_shifted(day: date, shift: timedelta) -> datetime:
    """UTC midnight of ``day`` moved by ``shift``, held at the calendar's first or last
    instant where it would leave it (a range from 0001-01-01 or to 9999-12-31 means
    "from the beginning" or "to the end", not an overflow)."""
    try:
        return datetime.combine(day, time.min, tzinfo=UTC) + shift
    except OverflowError:
        edge = datetime.min if shift < timedelta(0) else datetime.max
        return edge.replace(tzinfo=UTC)


def day_events(events: EventRange, employee_id: int, day: date) -> list[AttendanceEvent]:
    """One employee's events on one kiosk-local day, oldest first, from ``events`` (``repo.events``
    or a write transaction's view)."""
    return _on_local_days(events, day, day, employee_id)


def daily_summaries(
    repo: Repository,
    start: date,
    end: date,
    *,
    employee_code: str | None = None,
    department: str | None = None,
    start_time: time | None = None,
    today: date | None = None,
) -> list[DaySummary]:
    """One :class:`DaySummary` per employee per local day with events, ordered by day then code.

    ``start``/``end`` are inclusive local dates. ``employee_code`` (unknown codes
    raise :class:`InputError`) and ``department`` (exact name) narrow the
    result. ``start_time`` is the local time after which a first "in" is late.
    ``today`` is the kiosk's local date now: an "in" left open on that day (or
    later) is ``"in_progress"``, not ``"missing_out"``, because the day is not
    over. ``None`` treats every day as over.
    """
    employee_id = employee_id_for(repo, employee_code)
    employees = {employee.id: employee for employee in repo.employees.all()}
    grouped: dict[tuple[date, int], list[AttendanceEvent]] = defaultdict(list)
    for event in events_on_local_days(repo, start, end, employee_id):
        grouped[(event.local_day, event.employee_id)].append(event)
    summaries = [
        _summarise(employees[employee_id], day, events, start_time, today)
        for (day, employee_id), events in grouped.items()
        if department is None or employees[employee_id].department == department
    ]
    return sorted(summaries, key=lambda summary: (summary.day, summary.code))


def _summarise(
    employee: Employee, day: date, events: list[AttendanceEvent], start_time: time | None, today: date | None
) -> DaySummary:
    events = in_time_order(events)
    counted = list(zip(events, punch_directions(events), strict=True))
    ins = [event.at_local for event, direction in counted if direction is Direction.IN]
    outs = [event.at_local for event, direction in counted if direction is Direction.OUT]
    worked, left_open, orphan_out = _pair_up(counted)
    first_in = ins[0] if ins else None
    flags = []
    if start_time is not None and first_in is not None and first_in.time() > start_time.replace(tzinfo=None):
        flags.append("late")
    if left_open:
        flags.append("in_progress" if today is not None and day >= today else "missing_out")
    if orphan_out:
        flags.append("missing_in")
    return DaySummary(
        employee_id=employee.id,
        code=employee.code,
        name=employee.name,
        department=employee.department,
        day=day,
        first_in=first_in,
        last_out=outs[-1] if outs else None,
        worked=worked,
        events=len(events),
        flags=tuple(flags),
    )


@dataclass(frozen=True)
class EmployeeTotals:
    """One employee's period, added up from their :class:`DaySummary` rows (what payroll needs).

    ``days_present``: local days with at least one event. ``worked``: the sum
    of their closed in→out pairs. ``late_days``, ``missing_outs``: days
    flagged ``"late"`` and ``"missing_out"``. ``days_in_progress`` is 0 or 1
    (today, not yet over), so a total that will still grow is never mistaken
    for a final one.
    """

    employee_id: int
    code: str
    name: str
    department: str
    days_present: int
    worked: timedelta
    late_days: int
    missing_outs: int
    days_in_progress: int


def employee_totals(summaries: Iterable[DaySummary]) -> list[EmployeeTotals]:
    """One :class:`EmployeeTotals` per employee in ``summaries`` (from :func:`daily_summaries`), by code."""
    grouped: dict[int, list[DaySummary]] = defaultdict(list)
    for summary in summaries:
        grouped[summary.employee_id].append(summary)
    totals = [
        EmployeeTotals(
            employee_id=employee_id,
            code=days[0].code,
            name=days[0].name,
            department=days[0].department,
            days_present=len({summary.day for summary in days}),
            worked=sum((summary.worked for summary in days), timedelta()),
            late_days=sum("late" in summary.flags for summary in days),
            missing_outs=sum("missing_out" in summary.flags for summary in days),
            days_in_progress=sum("in_progress" in summary.flags for summary in days),
        )
        for employee_id, days in grouped.items()
    ]
    return sorted(totals, key=lambda total: total.code)


def in_time_order(events: Iterable[AttendanceEvent]) -> list[AttendanceEvent]:
    """``events`` oldest first (ties in the order they were stored), however they were recorded."""
    return sorted(events, key=lambda event: (event.at_utc, event.id is None, event.id or 0))


def punch_directions(events: Sequence[AttendanceEvent]) -> list[Direction]:
    """What each of one day's punches (in time order) counts as: in or out.

    The kiosk's own punches (face, PIN) and imported ones alternate in time
    order, the first one in, whatever direction was stored with them: a punch
    is decided when it is recorded, from the punches recorded before it, and
    one recorded *after* a later punch (written late after a full disk, from
    another door that had not synced yet, or by a clock that jumped back) was
    decided without it. So in 08:55 recorded after 12:00 makes 12:00 the out.
    A manual correction keeps the direction the admin gave it.
    """
    directions = []
    opened = False
    for event in events:
        if event.source == EventSource.MANUAL:
            direction = Direction(event.kind)
        else:
            direction = Direction.OUT if opened else Direction.IN
        opened = direction is Direction.IN
        directions.append(direction)
    return directions


def worked_pairs(events: Iterable[AttendanceEvent]) -> tuple[timedelta, bool, bool]:
    """(time in closed in→out pairs, whether an "in" is left open, whether an "out" had no "in").

    Punches count in time order, as :func:`punch_directions` says. A repeated
    "in" (a manual one) keeps the earlier one open, so a corrected double entry
    never shortens the day; an "out" with nothing open counts nothing.
    """
    ordered = in_time_order(events)
    return _pair_up(zip(ordered, punch_directions(ordered), strict=True))


def _pair_up(counted: Iterable[tuple[AttendanceEvent, Direction]]) -> tuple[timedelta, bool, bool]:
    """:func:`worked_pairs` of punches already in time order with their directions."""
    worked = timedelta()
    opened: datetime | None = None
    orphan_out = False
    for event, direction in counted:
        if direction is Direction.IN:
            opened = opened or event.at_utc
        elif opened is None:
            orphan_out = True
        else:
            worked += event.at_utc - opened
            opened = None
    return worked, opened is not None, orphan_out
