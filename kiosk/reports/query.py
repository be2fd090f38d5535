"""What a report covers: one query object that the CSV writers read, so they only format and write.

The period, the filters HR chose and the day the kiosk thinks it is travel
together as a :class:`ReportQuery`; each writer asks it for rows (raw events,
day summaries, per-person totals) and never queries storage itself. The
monthly timesheet has its own query, :func:`kiosk.reports.timesheet_query.load_timesheet`,
because its rules need shifts, leave and the calendar too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from kiosk.attendance.days import (
    DaySummary,
    EmployeeTotals,
    daily_summaries,
    employee_id_for,
    employee_totals,
    events_on_local_days,
)
from kiosk.storage.models import AttendanceEvent, Employee
from kiosk.storage.repository import Repository


@dataclass(frozen=True)
class ReportQuery:
    """Local days ``start``…``end`` (inclusive) of ``repo``, narrowed by the filters.

    ``employee_code``: one person (an unknown code raises
    :class:`~kiosk.errors.InputError` when rows are asked for). ``department``:
    the people of one department, by exact name (day summaries and totals; the
    raw events list everyone's, as it always has). ``start_time``: the local
    time after which a first "in" is late (``None``: nobody is late).
    ``today``: the kiosk's local date; a day still open then is "in
    progress", not a missing check-out (``None``: every day is over).
    """

    repo: Repository
    start: date
    end: date
    employee_code: str | None = None
    department: str | None = None
    start_time: time | None = None
    today: date | None = None

    def events(self) -> list[tuple[Employee, AttendanceEvent]]:
        """Every event of the period (oldest first), each with its employee."""
        employee_id = employee_id_for(self.repo, self.employee_code)
        employees = {employee.id: employee for employee in self.repo.employees.all()}
        return [
            (employees[event.employee_id], event)
            for event in events_on_local_days(self.repo, self.start, self.end, employee_id)
        ]

    def day_summaries(self) -> list[DaySummary]:
        """One :class:`~kiosk.attendance.days.DaySummary` per person per day with events, by day then code."""
        return daily_summaries(
            self.repo, self.start, self.end, employee_code=self.employee_code, department=self.department,
            start_time=self.start_time, today=self.today,
        )  # fmt: skip

    def totals(self) -> list[EmployeeTotals]:
        """One :class:`~kiosk.attendance.days.EmployeeTotals` per person with events, by code."""
        return employee_totals(self.day_summaries())
