"""Between storage's rows and the rules' records: shifts, assignments, company dates, leave and punches.

Storage (layer 2) returns its own plain rows (:mod:`kiosk.storage.models`) and
may not know the rules' types; this module, one layer up, turns one into the
other, so the rules never see a database row and storage never sees a rule.
"""

from __future__ import annotations

from typing import Any

from kiosk.attendance.records import Break, CalendarOverride, Leave, LeaveType, Punch, Shift, ShiftAssignment
from kiosk.attendance.shifts import WEEKDAY_NAMES, parse_clock
from kiosk.storage.models import AttendanceEvent, StoredAssignment, StoredCalendarDay, StoredLeave, StoredShift


def shift_from_stored(stored: StoredShift) -> Shift:
    """The rules' :class:`Shift` for a stored one (punch window and overtime unit at their defaults)."""
    return Shift(
        name=stored.name,
        start=parse_clock(stored.start),
        end=parse_clock(stored.end),
        breaks=tuple(Break(parse_clock(begin), parse_clock(end)) for begin, end in stored.breaks),
        late_grace_min=stored.late_grace_min,
        early_grace_min=stored.early_grace_min,
        workdays=frozenset(stored.workdays),
        statutory_calendar=stored.statutory_calendar,
    )


def shift_fields(shift: Shift) -> dict[str, Any]:
    """The keyword arguments of :meth:`kiosk.storage.shifts.Shifts.add` for ``shift`` (validate it first)."""
    return {
        "name": shift.name.strip(),
        "start": f"{shift.start:%H:%M}",
        "end": f"{shift.end:%H:%M}",
        "breaks": [(f"{rest.start:%H:%M}", f"{rest.end:%H:%M}") for rest in shift.breaks],
        "late_grace_min": shift.late_grace_min,
        "early_grace_min": shift.early_grace_min,
        "workdays": sorted(shift.workdays),
        "statutory_calendar": shift.statutory_calendar,
    }


def weekday_names(workdays: tuple[int, ...] | frozenset[int]) -> str:
    """Workdays as names, runs shortened: ``mon-fri``, ``mon,wed,fri``, ``mon-sat``."""
    days = sorted(set(workdays))
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        WEEKDAY_NAMES[run[0]] if len(run) == 1 else f"{WEEKDAY_NAMES[run[0]]}-{WEEKDAY_NAMES[run[-1]]}" for run in runs
    )


def assignment_from_stored(stored: StoredAssignment) -> ShiftAssignment:
    return ShiftAssignment(stored.employee_id, stored.shift_name, stored.valid_from)


def override_from_stored(stored: StoredCalendarDay) -> CalendarOverride:
    return CalendarOverride(stored.day, stored.off, stored.name)


def leave_from_stored(stored: StoredLeave) -> Leave:
    return Leave(stored.employee_id, stored.start, stored.end, LeaveType(stored.type), stored.note, stored.id)


def punch_from_event(event: AttendanceEvent) -> Punch:
    """A stored event as the rules' :class:`Punch`: its time on the kiosk's wall clock, naive."""
    return Punch(
        employee_id=event.employee_id,
        at=event.at_local.replace(tzinfo=None),
        source=event.source,
        device_id=event.device_id,
        kind=event.kind,
        note=event.note,
    )
