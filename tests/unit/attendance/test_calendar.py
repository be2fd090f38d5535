"""The work calendar: chinesecalendar's statutory dates (checked against the 2025 notice), company dates on top.

The 2025 State Council notice: National Day and Mid-autumn off 10-01..10-08,
with Sunday 09-28 and Saturday 10-11 worked to make up.
"""

from __future__ import annotations

from datetime import date, timedelta

from kiosk.attendance.calendar import STATUTORY_YEARS, WorkCalendar
from kiosk.attendance.records import CalendarDay, CalendarOverride, DayKind


def test_golden_week_2025() -> None:
    calendar = WorkCalendar()
    for offset in range(8):
        holiday = calendar.day(date(2025, 10, 1) + timedelta(days=offset))
        assert (holiday.kind, holiday.source) == (DayKind.HOLIDAY, "statutory")
    assert calendar.day(date(2025, 10, 1)).name == "National Day"
    assert calendar.day(date(2025, 10, 6)).name == "Mid-autumn Festival"
    assert calendar.day(date(2025, 9, 28)) == CalendarDay(
        date(2025, 9, 28), DayKind.MAKEUP_WORKDAY, "National Day", "statutory"
    )
    assert calendar.day(date(2025, 10, 11)) == CalendarDay(
        date(2025, 10, 11), DayKind.MAKEUP_WORKDAY, "National Day", "statutory"
    )


def test_ordinary_weekends_and_weekdays_are_ordinary() -> None:
    calendar = WorkCalendar()
    for ordinary in (date(2025, 9, 27), date(2025, 10, 12), date(2025, 9, 30), date(2025, 10, 9)):
        assert calendar.day(ordinary) == CalendarDay(ordinary, DayKind.ORDINARY, "", "none")


def test_company_dates_win() -> None:
    overrides = {
        date(2025, 10, 2): CalendarOverride(date(2025, 10, 2), off=False, name="值班"),
        date(2025, 10, 11): CalendarOverride(date(2025, 10, 11), off=True, name="厂休"),
        date(2025, 12, 31): CalendarOverride(date(2025, 12, 31), off=True),
        date(2027, 2, 8): CalendarOverride(date(2027, 2, 8), off=True, name="春节"),
    }
    calendar = WorkCalendar(overrides)
    assert calendar.day(date(2025, 10, 2)) == CalendarDay(date(2025, 10, 2), DayKind.MAKEUP_WORKDAY, "值班", "company")
    assert calendar.day(date(2025, 10, 11)) == CalendarDay(date(2025, 10, 11), DayKind.HOLIDAY, "厂休", "company")
    assert calendar.day(date(2025, 12, 31)) == CalendarDay(date(2025, 12, 31), DayKind.HOLIDAY, "", "company")
    assert calendar.day(date(2027, 2, 8)) == CalendarDay(date(2027, 2, 8), DayKind.HOLIDAY, "春节", "company")
    assert calendar.day(date(2025, 10, 3)).source == "statutory"  # the rest of the block stands


def test_a_year_the_package_does_not_know_is_not_guessed() -> None:
    calendar = WorkCalendar()
    assert 2025 in STATUTORY_YEARS
    assert 2026 in STATUTORY_YEARS
    assert 2027 not in STATUTORY_YEARS
    assert 2003 not in STATUTORY_YEARS
    assert calendar.day(date(2027, 1, 1)) == CalendarDay(date(2027, 1, 1), DayKind.ORDINARY, "", "none")
    assert calendar.day(date(2027, 10, 1)) == CalendarDay(date(2027, 10, 1), DayKind.ORDINARY, "", "none")


def test_unknown_years_and_notice() -> None:
    calendar = WorkCalendar()
    assert calendar.unknown_years(date(2025, 1, 1), date(2026, 12, 31)) == []
    assert calendar.notice(date(2025, 1, 1), date(2026, 12, 31)) is None
    assert calendar.unknown_years(date(2026, 12, 1), date(2027, 1, 31)) == [2027]
    assert calendar.notice(date(2026, 12, 1), date(2027, 1, 31)) == (
        "statutory holidays for 2027 are not known to this version; only the company's own dates apply"
    )
    assert calendar.unknown_years(date(2027, 6, 1), date(2028, 5, 31)) == [2027, 2028]
    assert calendar.notice(date(2027, 6, 1), date(2028, 5, 31)) == (
        "statutory holidays for 2027, 2028 are not known to this version; only the company's own dates apply"
    )


def test_days_covers_the_range_inclusive() -> None:
    days = WorkCalendar().days(date(2025, 9, 30), date(2025, 10, 2))
    assert list(days) == [date(2025, 9, 30), date(2025, 10, 1), date(2025, 10, 2)]
    assert [item.kind for item in days.values()] == [DayKind.ORDINARY, DayKind.HOLIDAY, DayKind.HOLIDAY]
    assert WorkCalendar().days(date(2025, 10, 2), date(2025, 10, 1)) == {}
