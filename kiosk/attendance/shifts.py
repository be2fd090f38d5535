"""Shifts: parsing what HR types, refusing what cannot be a shift, and laying a shift on a date.

All times are the kiosk's local wall-clock time, naive (see
:mod:`kiosk.attendance.records`). China keeps no daylight saving time, so a
shift's length is the same on every date and is computed on the clock face:
an ``end`` at or before ``start`` is on the next day.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from kiosk.attendance.records import Break, CalendarDay, DayKind, Shift
from kiosk.errors import InputError

_DAY = timedelta(days=1)
_MINUTES_PER_DAY = 24 * 60

#: Weekday names HR may type, Monday = 0 (as :meth:`datetime.date.weekday`).
WEEKDAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


def parse_clock(text: str) -> time:
    """A time of day from ``"H:MM"`` or ``"HH:MM"`` (24-hour, ``00:00``–``23:59``), to the minute.

    Payroll counts whole minutes, so seconds are not accepted.
    """
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        raise InputError(f"{text!r} is not a time of day; write it as HH:MM, e.g. 08:30")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise InputError(f"{text!r} is not a time of day; hours go 00–23 and minutes 00–59")
    return time(hour, minute)


def parse_break(text: str) -> Break:
    """An unpaid break from ``"HH:MM-HH:MM"`` (an en dash works too); an end at or before the start is past midnight."""
    parts = re.split(r"\s*[-–]\s*", text.strip())
    if len(parts) != 2:
        raise InputError(f"{text!r} is not a break; write it as HH:MM-HH:MM, e.g. 12:00-13:00")
    return Break(parse_clock(parts[0]), parse_clock(parts[1]))


def parse_workdays(text: str) -> frozenset[int]:
    """Weekdays (Monday = 0) from names and ranges: ``"mon-fri"``, ``"mon,wed,fri"``, ``"mon-wed,sat"``.

    Case and spaces do not matter. A range runs forward and may wrap past
    Sunday (``"fri-mon"`` is Friday to Monday), as a night crew's week may.
    """
    days: set[int] = set()
    for item in text.lower().split(","):
        item = item.strip()
        if not item:
            continue
        ends = [end.strip() for end in re.split(r"[-–]", item)]
        if len(ends) > 2 or any(end not in WEEKDAY_NAMES for end in ends):
            raise InputError(f"{item!r} in {text!r} is not a weekday; use mon, tue, wed, thu, fri, sat, sun")
        first, last = WEEKDAY_NAMES.index(ends[0]), WEEKDAY_NAMES.index(ends[-1])
        days.update((first + step) % 7 for step in range((last - first) % 7 + 1))
    if not days:
        raise InputError(f"{text!r} names no weekday; a shift needs at least one, e.g. mon-fri")
    return frozenset(days)


def _clock_minutes(value: time) -> float:
    return value.hour * 60 + value.minute + value.second / 60 + value.microsecond / 60_000_000


def shift_length_minutes(shift: Shift) -> float:
    """Minutes from start to end on the clock face (0 when they are equal, which :func:`validate_shift` refuses)."""
    return (_clock_minutes(shift.end) - _clock_minutes(shift.start)) % _MINUTES_PER_DAY


def _break_offsets(shift: Shift, rest: Break) -> tuple[float, float]:
    """A break as (start, end) minutes after the shift's start."""
    begin = (_clock_minutes(rest.start) - _clock_minutes(shift.start)) % _MINUTES_PER_DAY
    return begin, begin + (_clock_minutes(rest.end) - _clock_minutes(rest.start)) % _MINUTES_PER_DAY


def validate_shift(shift: Shift) -> Shift:
    """The shift itself, or :class:`InputError` with one line naming what is wrong with it.

    Refused: an empty name; start equal to end (a zero-length shift: an end
    before the start is a night shift, but an equal one is almost always a
    typo, so a 24-hour shift is not expressible); a break of zero length, not
    wholly inside the shift, or overlapping another; negative grace minutes;
    no workdays or a weekday outside 0–6; a punch window that does not reach
    the shift's end or is longer than a day (one punch must never fall in two
    windows of the same shift); an overtime unit below one minute.
    """
    name = shift.name.strip()
    if not name:
        raise InputError("a shift needs a name")
    length = shift_length_minutes(shift)
    if length == 0:
        raise InputError(f"shift {name!r} starts and ends at {shift.start:%H:%M}: a shift of zero length")
    offsets: list[tuple[float, float, Break]] = []
    for rest in shift.breaks:
        begin, end = _break_offsets(shift, rest)
        label = f"{rest.start:%H:%M}-{rest.end:%H:%M}"
        if end == begin:
            raise InputError(f"break {label} of shift {name!r} has zero length")
        if end > length:
            raise InputError(
                f"break {label} is outside shift {name!r} ({shift.start:%H:%M}-{shift.end:%H:%M}); "
                "a break must lie within its shift"
            )
        offsets.append((begin, end, rest))
    offsets.sort(key=lambda item: item[0])
    for (_, earlier_end, earlier), (later_begin, _, later) in pairwise(offsets):
        if later_begin < earlier_end:
            raise InputError(
                f"breaks {earlier.start:%H:%M}-{earlier.end:%H:%M} and {later.start:%H:%M}-{later.end:%H:%M} "
                f"of shift {name!r} overlap"
            )
    if shift.late_grace_min < 0:
        raise InputError(f"late grace of shift {name!r} is {shift.late_grace_min} minutes; it cannot be negative")
    if shift.early_grace_min < 0:
        raise InputError(
            f"early-leave grace of shift {name!r} is {shift.early_grace_min} minutes; it cannot be negative"
        )
    if not shift.workdays:
        raise InputError(f"shift {name!r} has no workdays; give at least one, e.g. mon-fri")
    if not shift.workdays <= frozenset(range(7)):
        raise InputError(f"shift {name!r} has workdays {sorted(shift.workdays)}; weekdays are 0 (Monday) to 6")
    before, after = shift.punch_window_before_min, shift.punch_window_after_min
    if before < 0 or after < length or before + after > _MINUTES_PER_DAY:
        raise InputError(
            f"punch window of shift {name!r} ({before} min before to {after} min after the start) must reach "
            "the shift's end and last at most 24 hours"
        )
    if shift.overtime_unit_min < 1:
        raise InputError(f"overtime unit of shift {name!r} is {shift.overtime_unit_min} minutes; it must be 1 or more")
    return shift


def shift_window(shift: Shift, day: date) -> tuple[datetime, datetime]:
    """The shift laid on ``day`` (the date it starts): (start, end) naive local datetimes, end exclusive."""
    start = datetime.combine(day, shift.start)
    end = datetime.combine(day, shift.end)
    if end <= start:
        end += _DAY
    return start, end


def break_intervals(shift: Shift, day: date) -> list[tuple[datetime, datetime]]:
    """The shift's unpaid breaks on ``day`` as (start, end) naive local datetimes, in time order.

    A break before the shift's start time on the clock face is on the next
    day (02:00–02:30 in a 22:00–06:00 shift).
    """
    start, _ = shift_window(shift, day)
    intervals: list[tuple[datetime, datetime]] = []
    for rest in shift.breaks:
        begin = datetime.combine(day, rest.start)
        if begin < start:
            begin += _DAY
        end = datetime.combine(begin.date(), rest.end)
        if end <= begin:
            end += _DAY
        intervals.append((begin, end))
    intervals.sort()
    return intervals


def scheduled_minutes(shift: Shift) -> int:
    """Paid minutes of one shift: its length minus its unpaid breaks, in whole minutes (rounded down)."""
    unpaid = sum(end - begin for begin, end in (_break_offsets(shift, rest) for rest in shift.breaks))
    return int(shift_length_minutes(shift) - unpaid)


def is_scheduled(shift: Shift, calendar_day: CalendarDay) -> bool:
    """Rule 2: is ``shift`` worked on this date?

    The shift's weekdays decide an ordinary date. If the shift follows the
    statutory calendar, a statutory holiday is off and a make-up workday is
    on. A company date decides last, for every shift.
    """
    if calendar_day.source == "company" or (calendar_day.source == "statutory" and shift.statutory_calendar):
        return calendar_day.kind is DayKind.MAKEUP_WORKDAY
    return calendar_day.day.weekday() in shift.workdays
