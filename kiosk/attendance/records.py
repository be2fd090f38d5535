"""Plain records of the payroll rules: shifts, the work calendar, leave, punches and what a period adds up to.

These are the types that cross the boundary between the rules
(:mod:`kiosk.attendance.timesheet`), storage, the report writers
(:mod:`kiosk.reports`) and the screens. All of them are frozen.

Times of day and datetimes here are the kiosk's *local wall-clock* time, naive
(no tzinfo): a shift "08:30–17:30" means 08:30 on the clock by the door, and a
punch's local time is recovered exactly from its stored UTC time and offset
(:attr:`kiosk.storage.models.AttendanceEvent.at_local`). Durations are whole
minutes (``int``) because payroll counts minutes; hours are only a display
unit (minutes / 60, two decimals).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time

#: Monday = 0 … Sunday = 6, as :meth:`datetime.date.weekday`.
MONDAY_TO_FRIDAY: frozenset[int] = frozenset(range(5))

#: Default minutes after the start before a first punch is late (rule 4). Five
#: minutes is what DingTalk and WeCom offer by default and what most small
#: companies write in their handbook.
DEFAULT_LATE_GRACE_MIN = 5

#: Default minutes before the end during which leaving is not yet early (rule 4).
#: None: leaving at 17:59 for a shift ending 18:00 is one minute early.
DEFAULT_EARLY_GRACE_MIN = 0

#: Default minutes before a shift's start from which a punch belongs to it (rule 1).
#: Four hours catches anyone who comes in very early without reaching back into
#: the previous day's shift; with :data:`DEFAULT_PUNCH_WINDOW_AFTER_MIN` the
#: windows of one shift on consecutive days tile the clock exactly (24 h).
DEFAULT_PUNCH_WINDOW_BEFORE_MIN = 4 * 60

#: Default minutes after a shift's start until which a punch still belongs to it
#: (rule 1). Twenty hours covers a 22:00–06:00 night shift plus its overtime.
DEFAULT_PUNCH_WINDOW_AFTER_MIN = 20 * 60

#: Default overtime unit in minutes (rule 6): overtime is rounded down to whole
#: units, so less than one unit is none. Thirty minutes is the usual handbook
#: unit in China and what DingTalk and WeCom offer by default.
DEFAULT_OVERTIME_UNIT_MIN = 30


@dataclass(frozen=True)
class Break:
    """An unpaid break inside a shift, local times of day; ``end`` at or before ``start`` is past midnight."""

    start: time
    end: time


@dataclass(frozen=True)
class Shift:
    """A named working time. ``end`` at or before ``start`` means the next day (a night shift).

    ``workdays`` are the weekdays it is worked (Monday = 0). With
    ``statutory_calendar`` (the default) statutory holidays are off and 调休
    make-up workdays are on, whatever the weekday. Grace minutes: see
    :data:`DEFAULT_LATE_GRACE_MIN` and :data:`DEFAULT_EARLY_GRACE_MIN`. The
    punch window and the overtime unit: see
    :data:`DEFAULT_PUNCH_WINDOW_BEFORE_MIN`, :data:`DEFAULT_PUNCH_WINDOW_AFTER_MIN`
    and :data:`DEFAULT_OVERTIME_UNIT_MIN`.
    """

    name: str
    start: time
    end: time
    breaks: tuple[Break, ...] = ()
    late_grace_min: int = DEFAULT_LATE_GRACE_MIN
    early_grace_min: int = DEFAULT_EARLY_GRACE_MIN
    workdays: frozenset[int] = MONDAY_TO_FRIDAY
    statutory_calendar: bool = True
    punch_window_before_min: int = DEFAULT_PUNCH_WINDOW_BEFORE_MIN
    punch_window_after_min: int = DEFAULT_PUNCH_WINDOW_AFTER_MIN
    overtime_unit_min: int = DEFAULT_OVERTIME_UNIT_MIN


@dataclass(frozen=True)
class ShiftAssignment:
    """From ``valid_from`` on (inclusive, local date), ``employee_id`` works ``shift_name``.

    The newest assignment on or before a day decides that day, so a change
    never rewrites past months.
    """

    employee_id: int
    shift_name: str
    valid_from: date


@dataclass(frozen=True)
class Staff:
    """An employee as the payroll rules see them: the storage id, and what a report row shows."""

    employee_id: int
    code: str
    name: str
    department: str = ""


class DayKind(enum.StrEnum):
    """What the calendar says a date is, before any shift's weekdays are looked at."""

    ORDINARY = "ordinary"
    """An ordinary date: worked or not by the shift's weekdays."""
    HOLIDAY = "holiday"
    """A statutory holiday (法定节假日), or a day the company gave off."""
    MAKEUP_WORKDAY = "makeup_workday"
    """A 调休 make-up workday (usually a weekend day), or a day the company made a workday."""


@dataclass(frozen=True)
class CalendarDay:
    """One date as the calendar sees it: its kind, the holiday's name, and where that came from.

    ``source`` is ``"statutory"`` (the maintained package), ``"company"``
    (an override, which always wins) or ``"none"``.
    """

    day: date
    kind: DayKind
    name: str = ""
    source: str = "none"


@dataclass(frozen=True)
class CalendarOverride:
    """A company's own date: ``off`` (a day off for everyone) or not (a workday), with an optional name."""

    day: date
    off: bool
    name: str = ""


class LeaveType(enum.StrEnum):
    """The kinds of leave HR records (stored as the value)."""

    ANNUAL = "annual"
    SICK = "sick"
    PERSONAL = "personal"
    OTHER = "other"


@dataclass(frozen=True)
class Leave:
    """An employee's leave from ``start`` to ``end`` (local naive datetimes, end exclusive)."""

    employee_id: int
    start: datetime
    end: datetime
    type: LeaveType
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Punch:
    """One recorded check-in or check-out, as the payroll rules see it.

    The rules ignore the direction the kiosk recorded: the first punch of a
    shift's window is "in" and the last is "out" (rule 3). ``source`` is the
    stored event source (``face``, ``pin``, ``manual``, ``import``).
    """

    employee_id: int
    at: datetime
    source: str
    device_id: str = ""
    kind: str = ""
    note: str = ""


class DayStatus(enum.StrEnum):
    """The one symbol a person's day gets in the month grid, most serious first.

    A day that is both late and early shows ``LATE_AND_EARLY``.
    """

    ABSENT = "absent"
    MISSING_PUNCH = "missing"
    LATE_AND_EARLY = "late_early"
    LATE = "late"
    EARLY_LEAVE = "early"
    LEAVE = "leave"
    OVERTIME = "overtime"
    NORMAL = "normal"
    HOLIDAY = "holiday"
    REST = "rest"
    NOT_EMPLOYED = "none"
    """Before the person's first shift assignment or after they left: nothing is counted."""
    IN_PROGRESS = "in_progress"
    """Today or later: the day is not over, so nothing is counted yet."""


@dataclass(frozen=True)
class PersonDay:
    """One employee's day under the rules (the ``days`` sheet). All durations in whole minutes."""

    employee_id: int
    day: date
    shift_name: str
    calendar: CalendarDay
    scheduled: bool
    status: DayStatus
    first_in: datetime | None = None
    last_out: datetime | None = None
    punches: int = 0
    scheduled_minutes: int = 0
    worked_minutes: int = 0
    late_minutes: int = 0
    early_leave_minutes: int = 0
    missing_punch: bool = False
    absent: bool = False
    leave_minutes: int = 0
    overtime_workday_minutes: int = 0
    overtime_restday_minutes: int = 0
    overtime_holiday_minutes: int = 0


@dataclass(frozen=True)
class PersonPeriod:
    """One employee's totals over a period (one row of the ``summary`` sheet)."""

    employee_id: int
    code: str
    name: str
    department: str
    shift_name: str
    scheduled_days: int
    days_present: int
    late_count: int
    late_minutes: int
    early_leave_count: int
    early_leave_minutes: int
    missing_punch_count: int
    absent_days: int
    leave_minutes: int
    overtime_workday_minutes: int
    overtime_restday_minutes: int
    overtime_holiday_minutes: int
    worked_minutes: int
    days: tuple[PersonDay, ...] = ()


@dataclass(frozen=True)
class Timesheet:
    """A period's result: one :class:`PersonPeriod` per employee (by code), the punches, and notices.

    ``notices`` are lines a reader must see, e.g. "statutory holidays for 2027
    are not known to this version; only the company's own dates apply".
    """

    start: date
    end: date
    people: tuple[PersonPeriod, ...]
    punches: tuple[Punch, ...] = ()
    notices: tuple[str, ...] = field(default=())
