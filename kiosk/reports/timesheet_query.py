"""A period's timesheet from the database: what the rules need, then :func:`~kiosk.attendance.timesheet.evaluate`.

Who is in it: every active employee, and everyone deactivated on or after the
period's first day (they worked part of it); narrowed to one code or one
department when asked. People with no shift assignment get a row of zeros and
no shift, which is how HR sees who still needs one. Punches are the stored
events of a period widened by a day on each side (a night shift of the day
before owns the first morning's punches), on the kiosk's wall clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from kiosk.attendance.calendar import WorkCalendar
from kiosk.attendance.records import Staff, Timesheet
from kiosk.attendance.stored import (
    assignment_from_stored,
    leave_from_stored,
    override_from_stored,
    punch_from_event,
    shift_from_stored,
)
from kiosk.attendance.timesheet import check_period, evaluate
from kiosk.errors import InputError
from kiosk.storage.repository import Repository

#: How far the event query reaches past the period, in days: one day for night shifts,
#: one more because a local date spans UTC times from 14 h before to 12 h after it.
_EVENT_MARGIN = timedelta(days=2)


def load_staff(
    repo: Repository, start: date, *, employee_code: str | None = None, department: str | None = None
) -> list[Staff]:
    """The people a report from ``start`` covers (see the module docstring), by code.

    :class:`InputError` for an unknown code, or a department with nobody in it.
    """
    if employee_code is not None:
        employee = repo.employees.find(employee_code)
        if employee is None:
            raise InputError(f"there is no employee with code {employee_code.strip()}; check the code")
        chosen = [employee]
    else:
        chosen = [
            employee
            for employee in repo.employees.all()
            if employee.active or (employee.deactivated_at is not None and employee.deactivated_at.date() >= start)
        ]
    if department is not None:
        chosen = [employee for employee in chosen if employee.department == department.strip()]
        if not chosen:
            raise InputError(f"nobody in department {department.strip()!r} is in this report; check its spelling")
    return [Staff(employee.id, employee.code, employee.name, employee.department) for employee in chosen]


def load_timesheet(
    repo: Repository,
    start: date,
    end: date,
    *,
    today: date | None,
    employee_code: str | None = None,
    department: str | None = None,
) -> Timesheet:
    """The timesheet from ``start`` to ``end`` (local dates, inclusive) of the people :func:`load_staff` picks.

    ``today`` (the kiosk's local date) and later count nothing; ``None`` counts
    every day. A period over 366 days or ending before it starts is refused
    before anything is read.
    """
    check_period(start, end)
    staff = load_staff(repo, start, employee_code=employee_code, department=department)
    wanted = {person.employee_id for person in staff}
    only = staff[0].employee_id if employee_code is not None else None
    shifts = {stored.name: shift_from_stored(stored) for stored in repo.shifts.all()}
    assignments = [assignment_from_stored(stored) for stored in repo.shifts.assignments(only)]
    events = repo.events.between(
        datetime.combine(start - _EVENT_MARGIN, time(), UTC), datetime.combine(end + _EVENT_MARGIN, time(), UTC), only
    )
    punches = [punch_from_event(event) for event in events if event.employee_id in wanted]
    day = timedelta(days=1)
    leaves = [leave_from_stored(stored) for stored in repo.leave.between(start - day, end + day, only)]
    overrides = {stored.day: override_from_stored(stored) for stored in repo.calendar.between(start - day, end + day)}
    return evaluate(
        start=start, end=end, employees=staff, shifts=shifts, assignments=assignments, punches=punches,
        leaves=leaves, calendar=WorkCalendar(overrides), today=today,
    )  # fmt: skip
