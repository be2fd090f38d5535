"""Shifts: what HR may type, what is refused (one line naming the value), and a shift laid on a date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time
from typing import TypeVar

import pytest

from kiosk.attendance.records import Break, CalendarDay, DayKind, Shift
from kiosk.attendance.shifts import (
    break_intervals,
    is_scheduled,
    parse_break,
    parse_clock,
    parse_workdays,
    scheduled_minutes,
    shift_window,
    validate_shift,
)
from kiosk.errors import InputError

Value = TypeVar("Value")


def refusal(parse: Callable[[Value], object], value: Value) -> str:
    """The one-line message ``parse(value)`` refuses with."""
    with pytest.raises(InputError) as refused:
        parse(value)
    message = str(refused.value)
    assert "\n" not in message
    return message


DAY = Shift("day", time(8, 30), time(17, 30), breaks=(Break(time(12), time(13)),))
NIGHT = Shift("night", time(22), time(6), breaks=(Break(time(2), time(2, 30)),))


def test_parse_clock() -> None:
    assert parse_clock("08:30") == time(8, 30)
    assert parse_clock(" 8:05 ") == time(8, 5)
    assert parse_clock("23:59") == time(23, 59)
    assert parse_clock("00:00") == time(0, 0)


@pytest.mark.parametrize("text", ["24:00", "08:60", "8.30", "0830", "", "08:30:00", "noon"])
def test_parse_clock_refuses(text: str) -> None:
    assert refusal(parse_clock, text).startswith(f"{text!r} is not a time of day")


def test_parse_break() -> None:
    assert parse_break("12:00-13:00") == Break(time(12), time(13))
    assert parse_break("12:00 – 12:30") == Break(time(12), time(12, 30))
    assert parse_break("23:30-00:15") == Break(time(23, 30), time(0, 15))  # past midnight
    assert refusal(parse_break, "12:00") == "'12:00' is not a break; write it as HH:MM-HH:MM, e.g. 12:00-13:00"
    assert refusal(parse_break, "12:00-25:00") == "'25:00' is not a time of day; hours go 00–23 and minutes 00–59"


def test_parse_workdays() -> None:
    assert parse_workdays("mon-fri") == frozenset({0, 1, 2, 3, 4})
    assert parse_workdays("mon,wed,fri") == frozenset({0, 2, 4})
    assert parse_workdays("mon-sat") == frozenset({0, 1, 2, 3, 4, 5})
    assert parse_workdays(" Mon - Wed , SAT ") == frozenset({0, 1, 2, 5})
    assert parse_workdays("fri-mon") == frozenset({4, 5, 6, 0})  # wraps past Sunday
    assert parse_workdays("sun") == frozenset({6})


def test_parse_workdays_refuses() -> None:
    assert refusal(parse_workdays, "mon,funday") == (
        "'funday' in 'mon,funday' is not a weekday; use mon, tue, wed, thu, fri, sat, sun"
    )
    assert refusal(parse_workdays, "mon-wed-fri").startswith("'mon-wed-fri' in 'mon-wed-fri' is not a weekday")
    assert refusal(parse_workdays, " , ") == "' , ' names no weekday; a shift needs at least one, e.g. mon-fri"


def test_validate_shift_returns_a_good_shift() -> None:
    assert validate_shift(DAY) is DAY
    assert validate_shift(NIGHT) is NIGHT
    three_breaks = replace(
        DAY, breaks=(Break(time(10), time(10, 15)), Break(time(12), time(13)), Break(time(15), time(15, 15)))
    )
    assert validate_shift(three_breaks) is three_breaks
    touching = replace(DAY, breaks=(Break(time(12), time(12, 30)), Break(time(12, 30), time(13))))
    assert validate_shift(touching) is touching  # touching is not overlapping


@pytest.mark.parametrize(
    ("shift", "message"),
    [
        (replace(DAY, name="  "), "a shift needs a name"),
        (replace(DAY, end=time(8, 30)), "shift 'day' starts and ends at 08:30: a shift of zero length"),
        (
            replace(DAY, breaks=(Break(time(17), time(18)),)),
            "break 17:00-18:00 is outside shift 'day' (08:30-17:30); a break must lie within its shift",
        ),
        (
            replace(NIGHT, breaks=(Break(time(21), time(22, 30)),)),
            "break 21:00-22:30 is outside shift 'night' (22:00-06:00); a break must lie within its shift",
        ),
        (replace(DAY, breaks=(Break(time(12), time(12)),)), "break 12:00-12:00 of shift 'day' has zero length"),
        (
            replace(DAY, breaks=(Break(time(12), time(13)), Break(time(12, 30), time(13, 30)))),
            "breaks 12:00-13:00 and 12:30-13:30 of shift 'day' overlap",
        ),
        (replace(DAY, late_grace_min=-1), "late grace of shift 'day' is -1 minutes; it cannot be negative"),
        (replace(DAY, early_grace_min=-5), "early-leave grace of shift 'day' is -5 minutes; it cannot be negative"),
        (replace(DAY, workdays=frozenset()), "shift 'day' has no workdays; give at least one, e.g. mon-fri"),
        (replace(DAY, workdays=frozenset({7})), "shift 'day' has workdays [7]; weekdays are 0 (Monday) to 6"),
        (replace(DAY, punch_window_after_min=8 * 60), "punch window of shift 'day' (240 min before to 480 min"),
        (replace(DAY, punch_window_before_min=5 * 60), "punch window of shift 'day' (300 min before to 1200 min"),
        (replace(DAY, overtime_unit_min=0), "overtime unit of shift 'day' is 0 minutes; it must be 1 or more"),
    ],
)
def test_validate_shift_refuses(shift: Shift, message: str) -> None:
    assert refusal(validate_shift, shift).startswith(message)


def test_shift_window_and_breaks_on_a_date() -> None:
    day = date(2025, 9, 22)
    assert shift_window(DAY, day) == (datetime(2025, 9, 22, 8, 30), datetime(2025, 9, 22, 17, 30))
    assert shift_window(NIGHT, day) == (datetime(2025, 9, 22, 22), datetime(2025, 9, 23, 6))
    assert break_intervals(DAY, day) == [(datetime(2025, 9, 22, 12), datetime(2025, 9, 22, 13))]
    assert break_intervals(NIGHT, day) == [(datetime(2025, 9, 23, 2), datetime(2025, 9, 23, 2, 30))]
    late_break = replace(NIGHT, breaks=(Break(time(23, 45), time(0, 15)), Break(time(3), time(3, 10))))
    assert break_intervals(late_break, day) == [
        (datetime(2025, 9, 22, 23, 45), datetime(2025, 9, 23, 0, 15)),
        (datetime(2025, 9, 23, 3), datetime(2025, 9, 23, 3, 10)),
    ]
    assert validate_shift(late_break) is late_break


def test_scheduled_minutes() -> None:
    assert scheduled_minutes(DAY) == 480  # 08:30–17:30 is 540, − 60 lunch
    assert scheduled_minutes(NIGHT) == 450  # 22:00–06:00 is 480, − 30
    assert scheduled_minutes(replace(DAY, breaks=())) == 540
    assert scheduled_minutes(Shift("late", time(14), time(23, 59, 30))) == 599  # 599.5 rounded down


def test_is_scheduled() -> None:
    shop = replace(DAY, workdays=frozenset({0, 1, 2, 3, 4, 5, 6}), statutory_calendar=False)
    national_day = CalendarDay(date(2025, 10, 1), DayKind.HOLIDAY, "National Day", "statutory")  # a Wednesday
    makeup_sunday = CalendarDay(date(2025, 9, 28), DayKind.MAKEUP_WORKDAY, "National Day", "statutory")
    saturday = CalendarDay(date(2025, 9, 27), DayKind.ORDINARY)
    company_off = CalendarDay(date(2025, 9, 26), DayKind.HOLIDAY, "年会", "company")  # a Friday
    assert [is_scheduled(DAY, item) for item in (national_day, makeup_sunday, saturday, company_off)] == [
        False,  # statutory holiday, though a Wednesday
        True,  # make-up workday, though a Sunday
        False,  # Mon–Fri shift
        False,  # the company's day off
    ]
    assert [is_scheduled(shop, item) for item in (national_day, makeup_sunday, saturday, company_off)] == [
        True,  # ignores the statutory calendar: its weekdays decide
        True,
        True,
        False,  # company dates apply to every shift
    ]
