"""The work calendar: statutory holidays and 调休 make-up workdays, under the company's own dates.

China's State Council publishes each year's holidays, and the weekend days
worked to make up for them, late in the year before; no rule computes them.
They come from the ``chinesecalendar`` package (``import chinese_calendar``),
a transcription of those notices that refuses a year it has no notice for
(1.11.0 covers 2004–2026). For such a year this module never guesses: every
date is ordinary unless the company says otherwise, and :meth:`WorkCalendar.notice`
gives the line a report must show.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import chinese_calendar  # type: ignore[import-untyped]

from kiosk.attendance.records import CalendarDay, CalendarOverride, DayKind

# The package's own coverage test (chinese_calendar.utils._validate_date): the
# years between its first and last listed holiday.
_STATUTORY_HOLIDAYS: Mapping[date, str] = chinese_calendar.holidays
_STATUTORY_WORKDAYS: Mapping[date, str] = chinese_calendar.workdays

#: The years whose statutory holidays and make-up workdays the installed package knows.
STATUTORY_YEARS: range = range(min(_STATUTORY_HOLIDAYS).year, max(_STATUTORY_HOLIDAYS).year + 1)


class WorkCalendar:
    """What each date is: a company override, else the statutory calendar, else ordinary.

    ``overrides`` are the company's own dates by day; they always win
    (source ``"company"``). Statutory holidays (source ``"statutory"``) are
    every day off in the State Council's holiday blocks, e.g. 2025-10-01 to
    10-08 for National Day and Mid-autumn, including the weekend and swapped
    days inside the block; make-up workdays are the weekend days worked for
    them (2025-09-28 and 2025-10-11). Ordinary weekends and weekdays are
    :attr:`DayKind.ORDINARY` with source ``"none"``, and so is every date of a
    year the package does not cover. Results are cached, so asking for the
    same date again costs a dictionary lookup.
    """

    def __init__(self, overrides: Mapping[date, CalendarOverride] | None = None) -> None:
        self._overrides: dict[date, CalendarOverride] = dict(overrides or {})
        self._cache: dict[date, CalendarDay] = {}

    def day(self, d: date) -> CalendarDay:
        """The calendar's view of date ``d``."""
        known = self._cache.get(d)
        if known is None:
            known = self._cache[d] = self._look_up(d)
        return known

    def days(self, start: date, end: date) -> dict[date, CalendarDay]:
        """:meth:`day` for every date from ``start`` to ``end`` inclusive (empty when end is before start)."""
        return {start + timedelta(days=n): self.day(start + timedelta(days=n)) for n in range((end - start).days + 1)}

    def _look_up(self, d: date) -> CalendarDay:
        override = self._overrides.get(d)
        if override is not None:
            kind = DayKind.HOLIDAY if override.off else DayKind.MAKEUP_WORKDAY
            return CalendarDay(d, kind, override.name, "company")
        if d.year not in STATUTORY_YEARS:
            return CalendarDay(d, DayKind.ORDINARY)
        holiday = _STATUTORY_HOLIDAYS.get(d)
        if holiday is not None:
            return CalendarDay(d, DayKind.HOLIDAY, str(holiday), "statutory")
        made_up_for = _STATUTORY_WORKDAYS.get(d)
        if made_up_for is not None:
            return CalendarDay(d, DayKind.MAKEUP_WORKDAY, str(made_up_for), "statutory")
        return CalendarDay(d, DayKind.ORDINARY)

    @staticmethod
    def unknown_years(start: date, end: date) -> list[int]:
        """The years from ``start`` to ``end`` whose statutory dates the installed package does not know, ascending."""
        return [year for year in range(start.year, end.year + 1) if year not in STATUTORY_YEARS]

    def notice(self, start: date, end: date) -> str | None:
        """The line a report from ``start`` to ``end`` must show when a year is not covered, else ``None``.

        E.g. "statutory holidays for 2027 are not known to this version; only
        the company's own dates apply" (years joined by ", ").
        """
        years = self.unknown_years(start, end)
        if not years:
            return None
        listed = ", ".join(str(year) for year in years)
        return f"statutory holidays for {listed} are not known to this version; only the company's own dates apply"
