"""The golden month: a small company's payroll from 2025-09-22 to 2025-10-15, every number by hand.

The calendar (chinesecalendar 1.11.0): 10-01..10-08 are the National Day and
Mid-autumn holidays; Sunday 09-28 and Saturday 10-11 are 调休 make-up workdays.
"Today" is 10-15, so 10-15 is in progress and counts nothing.

- E001 张伟, day shift 08:30–17:30 with lunch 12:00–13:00 (paid 540 − 60 = 480 min).
- E002 李娜, day shift, with leave and a 补卡 correction.
- E003 王强, night shift 22:00–06:00 with a break 02:00–02:30 (paid 480 − 30 = 450 min),
  5 min early grace, assigned from 10-09 (not employed before).

Expected values are literals with their arithmetic; nothing is computed by the code under test.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from kiosk.attendance.calendar import WorkCalendar
from kiosk.attendance.records import (
    Break,
    CalendarOverride,
    DayKind,
    DayStatus,
    Leave,
    LeaveType,
    PersonDay,
    PersonPeriod,
    Punch,
    Shift,
    ShiftAssignment,
    Staff,
    Timesheet,
)
from kiosk.attendance.timesheet import evaluate
from kiosk.errors import InputError

DAY = Shift("day", time(8, 30), time(17, 30), breaks=(Break(time(12), time(13)),))
NIGHT = Shift("night", time(22), time(6), breaks=(Break(time(2), time(2, 30)),), early_grace_min=5)
SHIFTS = {"day": DAY, "night": NIGHT}
STAFF = [Staff(1, "E001", "张伟", "研发"), Staff(2, "E002", "李娜", "财务"), Staff(3, "E003", "王强", "保安")]
ASSIGNMENTS = [
    ShiftAssignment(1, "day", date(2025, 9, 1)),
    ShiftAssignment(2, "day", date(2025, 9, 1)),
    ShiftAssignment(3, "night", date(2025, 10, 9)),
]
START, END, TODAY = date(2025, 9, 22), date(2025, 10, 15), date(2025, 10, 15)


def at(month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, second)


def punches(employee_id: int, *times: datetime, source: str = "face") -> list[Punch]:
    return [Punch(employee_id, moment, source) for moment in times]


NORMAL_DAY_E001 = [(9, 30), (10, 9), (10, 10), (10, 14)]  # in 08:25, out 17:35
E001 = [
    *punches(1, at(9, 22, 8, 36), at(9, 22, 17, 35)),  # late: one minute past grace
    *punches(1, at(9, 23, 8, 35), at(9, 23, 17, 35)),  # exactly at grace
    *punches(1, at(9, 24, 8, 35, 59), at(9, 24, 17, 35)),  # 59 s past grace: still 5 whole minutes
    *punches(1, at(9, 25, 8, 25), at(9, 25, 17, 20)),  # early leave
    *punches(1, at(9, 26, 8, 25), at(9, 26, 17, 29, 30)),  # 30 s before the end: 0 whole minutes
    *punches(1, at(9, 27, 9, 0), at(9, 27, 12, 50)),  # Saturday, a rest day
    *punches(1, at(9, 28, 8, 25), at(9, 28, 19, 10)),  # make-up Sunday, stays late
    *punches(1, at(9, 29, 8, 25)),  # forgot to punch out
    *punches(1, at(10, 2, 9, 0), at(10, 2, 15, 20)),  # statutory holiday
    *punches(1, at(10, 13, 8, 40), at(10, 13, 17, 10)),  # late and early
    *punches(1, at(10, 15, 8, 25)),  # today
    *(punch for month, day in NORMAL_DAY_E001 for punch in punches(1, at(month, day, 8, 25), at(month, day, 17, 35))),
]  # no punch on make-up Saturday 10-11: absent
NORMAL_DAY_E002 = [(9, 22), (9, 23), (9, 28), (9, 30), (10, 10), (10, 11), (10, 13), (10, 14)]  # 08:30–17:30
CORRECTION = Punch(2, at(9, 29, 17, 30), "manual", note="补卡: forgot to punch out")
E002 = [
    *(punch for month, day in NORMAL_DAY_E002 for punch in punches(2, at(month, day, 8, 30), at(month, day, 17, 30))),
    *punches(2, at(9, 25, 10, 37), at(9, 25, 17, 30)),  # after leave 08:30–10:30
    *punches(2, at(9, 26, 12, 58), at(9, 26, 17, 30)),  # after leave 08:30–12:00 and lunch
    *punches(2, at(9, 29, 8, 28)),
    CORRECTION,
    *punches(2, at(10, 9, 8, 30), at(10, 9, 15, 30)),  # leave 15:30–17:30
]
LEAVES = [
    Leave(2, at(9, 24, 8, 30), at(9, 24, 17, 30), LeaveType.ANNUAL),
    Leave(2, at(9, 25, 8, 30), at(9, 25, 10, 30), LeaveType.PERSONAL),
    Leave(2, at(9, 26, 8, 30), at(9, 26, 12, 0), LeaveType.SICK),
    Leave(2, at(10, 9, 15, 30), at(10, 9, 17, 30), LeaveType.ANNUAL),
]
E003 = punches(
    3,
    at(10, 8, 5, 0),  # before the night shift was assigned: in no window
    *(at(10, 9, 21, 55), at(10, 10, 5, 58)),
    *(at(10, 10, 21, 50), at(10, 11, 6, 40)),
    *(at(10, 11, 22, 7), at(10, 12, 6, 0)),
    *(at(10, 13, 21, 58), at(10, 14, 5, 50)),
    *(at(10, 14, 21, 57), at(10, 15, 5, 58)),
)


def run(all_punches: list[Punch], **changes: object) -> Timesheet:
    arguments: dict[str, object] = {
        "start": START,
        "end": END,
        "employees": STAFF,
        "shifts": SHIFTS,
        "assignments": ASSIGNMENTS,
        "punches": all_punches,
        "leaves": LEAVES,
        "calendar": WorkCalendar(),
        "today": TODAY,
    }
    arguments.update(changes)
    return evaluate(**arguments)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sheet() -> Timesheet:
    return run([*E003, *E002, *E001])  # any order


def person(sheet: Timesheet, code: str) -> PersonPeriod:
    return next(period for period in sheet.people if period.code == code)


def day(sheet: Timesheet, code: str, month: int, dom: int) -> PersonDay:
    return next(item for item in person(sheet, code).days if item.day == date(2025, month, dom))


def test_people_come_by_code_with_one_day_per_date(sheet: Timesheet) -> None:
    assert [period.code for period in sheet.people] == ["E001", "E002", "E003"]
    assert {len(period.days) for period in sheet.people} == {24}  # 09-22..09-30 is 9, 10-01..10-15 is 15
    assert sheet.notices == ()


def test_late_one_minute_past_grace_and_exactly_at_grace(sheet: Timesheet) -> None:
    late = day(sheet, "E001", 9, 22)
    assert (late.status, late.late_minutes) == (DayStatus.LATE, 6)  # in 08:36, start 08:30, 6 > 5 grace
    assert late.worked_minutes == 479  # 17:35 − 08:36 = 539, − 60 lunch
    on_grace = day(sheet, "E001", 9, 23)
    assert (on_grace.status, on_grace.late_minutes) == (DayStatus.NORMAL, 0)  # 08:35:00 is 5 min, not > 5
    seconds_past = day(sheet, "E001", 9, 24)
    assert (seconds_past.status, seconds_past.late_minutes) == (DayStatus.NORMAL, 0)  # 08:35:59 is 5 whole min
    assert seconds_past.worked_minutes == 479  # 17:35:00 − 08:35:59 = 539 min 1 s, − 60, rounded down


def test_early_leave_counts_whole_minutes(sheet: Timesheet) -> None:
    early = day(sheet, "E001", 9, 25)
    assert (early.status, early.early_leave_minutes) == (DayStatus.EARLY_LEAVE, 10)  # out 17:20, end 17:30
    assert early.worked_minutes == 475  # 17:20 − 08:25 = 535, − 60
    seconds = day(sheet, "E001", 9, 26)
    assert (seconds.status, seconds.early_leave_minutes) == (DayStatus.NORMAL, 0)  # 17:29:30 is 0 whole min early
    both = day(sheet, "E001", 10, 13)
    assert (both.status, both.late_minutes, both.early_leave_minutes) == (DayStatus.LATE_AND_EARLY, 10, 20)
    # in 08:40 − 08:30 = 10; 17:30 − out 17:10 = 20


def test_missing_punch_counts_no_time(sheet: Timesheet) -> None:
    missing = day(sheet, "E001", 9, 29)
    assert (missing.status, missing.missing_punch, missing.punches) == (DayStatus.MISSING_PUNCH, True, 1)
    assert (missing.worked_minutes, missing.late_minutes, missing.early_leave_minutes) == (0, 0, 0)
    assert missing.first_in == at(9, 29, 8, 25)
    assert missing.last_out is None


def test_makeup_saturday_is_scheduled_and_absent_without_a_punch(sheet: Timesheet) -> None:
    absent = day(sheet, "E001", 10, 11)
    assert absent.calendar.kind is DayKind.MAKEUP_WORKDAY
    assert (absent.scheduled, absent.status, absent.absent) == (True, DayStatus.ABSENT, True)
    assert absent.scheduled_minutes == 480  # 540 − 60 lunch
    sunday = day(sheet, "E001", 10, 12)
    assert (sunday.scheduled, sunday.status, sunday.absent) == (False, DayStatus.REST, False)


def test_overtime_on_rest_day_workday_and_holiday(sheet: Timesheet) -> None:
    saturday = day(sheet, "E001", 9, 27)
    assert (saturday.scheduled, saturday.status) == (False, DayStatus.OVERTIME)
    assert saturday.overtime_restday_minutes == 180  # 12:50 − 09:00 = 230, − 50 of lunch inside = 180 = 6 × 30
    makeup_sunday = day(sheet, "E001", 9, 28)
    assert (makeup_sunday.scheduled, makeup_sunday.status) == (True, DayStatus.OVERTIME)
    assert makeup_sunday.overtime_workday_minutes == 90  # 19:10 − 17:30 = 100, rounded down to 3 × 30
    assert makeup_sunday.worked_minutes == 585  # 19:10 − 08:25 = 645, − 60
    holiday = day(sheet, "E001", 10, 2)
    assert (holiday.scheduled, holiday.status, holiday.calendar.source) == (False, DayStatus.OVERTIME, "statutory")
    assert holiday.overtime_holiday_minutes == 300  # 15:20 − 09:00 = 380, − 60 = 320, down to 10 × 30
    assert holiday.overtime_restday_minutes == 0
    assert day(sheet, "E001", 9, 30).overtime_workday_minutes == 0  # out 17:35: 5 min is under one unit
    assert day(sheet, "E001", 10, 1).status is DayStatus.HOLIDAY  # no punch on a holiday


def test_leave_whole_day_and_partial(sheet: Timesheet) -> None:
    whole = day(sheet, "E002", 9, 24)
    assert (whole.status, whole.leave_minutes, whole.absent) == (DayStatus.LEAVE, 480, False)  # 540 − 60 lunch
    late_after_leave = day(sheet, "E002", 9, 25)
    assert (late_after_leave.status, late_after_leave.late_minutes) == (DayStatus.LATE, 7)  # in 10:37, due 10:30
    assert late_after_leave.leave_minutes == 120  # 08:30–10:30
    assert late_after_leave.worked_minutes == 353  # 17:30 − 10:37 = 413, − 60
    into_lunch = day(sheet, "E002", 9, 26)
    assert (into_lunch.status, into_lunch.late_minutes) == (DayStatus.LEAVE, 0)  # leave to 12:00, due 13:00
    assert into_lunch.leave_minutes == 210  # 08:30–12:00
    assert into_lunch.worked_minutes == 270  # 17:30 − 12:58 = 272, − 2 of lunch inside
    end_moved = day(sheet, "E002", 10, 9)
    assert (end_moved.status, end_moved.early_leave_minutes) == (DayStatus.LEAVE, 0)  # out 15:30, leave from 15:30
    assert end_moved.leave_minutes == 120  # 15:30–17:30
    assert end_moved.worked_minutes == 360  # 15:30 − 08:30 = 420, − 60


def test_manual_punch_completes_a_missing_punch(sheet: Timesheet) -> None:
    corrected = day(sheet, "E002", 9, 29)
    assert (corrected.status, corrected.missing_punch, corrected.punches) == (DayStatus.NORMAL, False, 2)
    assert corrected.worked_minutes == 482  # 17:30 − 08:28 = 542, − 60
    assert corrected.last_out == at(9, 29, 17, 30)
    without = run([punch for punch in E002 if punch is not CORRECTION])
    assert day(without, "E002", 9, 29).status is DayStatus.MISSING_PUNCH
    assert person(without, "E002").missing_punch_count == 1
    assert person(without, "E002").worked_minutes == 4823  # 5305 − 482


def test_night_shift_owns_the_next_mornings_punch(sheet: Timesheet) -> None:
    first = day(sheet, "E003", 10, 9)
    assert (first.first_in, first.last_out) == (at(10, 9, 21, 55), at(10, 10, 5, 58))
    assert (first.status, first.early_leave_minutes) == (DayStatus.NORMAL, 0)  # 2 min early, 5 min grace
    assert first.worked_minutes == 453  # 05:58 − 21:55 = 483, − 30 break
    assert (day(sheet, "E003", 10, 10).overtime_workday_minutes, day(sheet, "E003", 10, 10).worked_minutes) == (
        30,
        500,
    )  # out 06:40: 40 min past 06:00, down to 30; 06:40 − 21:50 = 530, − 30
    assert day(sheet, "E003", 10, 11).late_minutes == 7  # make-up Saturday, in 22:07
    assert day(sheet, "E003", 10, 13).early_leave_minutes == 10  # out 05:50: 10 > 5 grace
    last = day(sheet, "E003", 10, 14)
    assert (last.last_out, last.status, last.worked_minutes) == (at(10, 15, 5, 58), DayStatus.NORMAL, 451)
    # 05:58 on 10-15 (today) still belongs to 10-14, which is over; 05:58 − 21:57 = 481, − 30
    assert day(sheet, "E003", 10, 15).punches == 0


def test_days_before_the_first_assignment_and_from_today_count_nothing(sheet: Timesheet) -> None:
    before = day(sheet, "E003", 10, 8)
    assert (before.status, before.shift_name, before.punches) == (DayStatus.NOT_EMPLOYED, "", 0)
    assert sum(item.status is DayStatus.NOT_EMPLOYED for item in person(sheet, "E003").days) == 17  # 09-22..10-08
    today = day(sheet, "E001", 10, 15)
    assert (today.status, today.punches, today.late_minutes, today.absent) == (DayStatus.IN_PROGRESS, 1, 0, False)


def test_summary_totals(sheet: Timesheet) -> None:
    e001 = person(sheet, "E001")
    assert e001.scheduled_days == 13  # 09-22..26 (5), 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13, 10-14
    assert e001.days_present == 12  # all but 10-11
    assert (e001.late_count, e001.late_minutes) == (2, 16)  # 6 + 10
    assert (e001.early_leave_count, e001.early_leave_minutes) == (2, 30)  # 10 + 20
    assert (e001.missing_punch_count, e001.absent_days, e001.leave_minutes) == (1, 1, 0)
    assert (e001.overtime_workday_minutes, e001.overtime_restday_minutes, e001.overtime_holiday_minutes) == (
        90,
        180,
        300,
    )
    # 479 + 480 + 479 + 475 + 484 + 180 + 585 + 0 + 490 + 320 + 490 + 490 + 450 + 490 (09-22 … 10-14)
    assert e001.worked_minutes == 5892
    assert (e001.name, e001.department, e001.shift_name) == ("张伟", "研发", "day")

    e002 = person(sheet, "E002")
    assert (e002.scheduled_days, e002.days_present) == (13, 12)  # no punch on 09-24 (leave)
    assert (e002.late_count, e002.late_minutes, e002.early_leave_count) == (1, 7, 0)
    assert (e002.missing_punch_count, e002.absent_days) == (0, 0)
    assert e002.leave_minutes == 930  # 480 + 120 + 210 + 120
    assert e002.worked_minutes == 5305  # 8 × 480 + 353 + 270 + 482 + 360

    e003 = person(sheet, "E003")
    assert (e003.scheduled_days, e003.days_present) == (5, 5)  # 10-09, 10-10, 10-11, 10-13, 10-14
    assert (e003.late_count, e003.late_minutes, e003.early_leave_count, e003.early_leave_minutes) == (1, 7, 1, 10)
    assert (e003.overtime_workday_minutes, e003.overtime_restday_minutes, e003.overtime_holiday_minutes) == (30, 0, 0)
    assert e003.worked_minutes == 2289  # 453 + 500 + 443 + 442 + 451
    assert e003.shift_name == "night"


def test_timesheet_keeps_the_periods_punches(sheet: Timesheet) -> None:
    # E001: 9 pairs + 2 singles + 4 normal days × 2 = 28; E002: 8 × 2 + 2 + 2 + 1 + 1 correction + 2 = 24;
    # E003: 11, the 10-08 05:00 punch included: it is in no window but dated in the period
    assert len(sheet.punches) == 28 + 24 + 11
    assert sheet.punches[0] == Punch(1, at(9, 22, 8, 36), "face")
    assert CORRECTION in sheet.punches


def test_a_punch_between_two_shifts_goes_to_the_nearer(sheet: Timesheet) -> None:
    """Night shift on Monday 10-13, day shift from Tuesday 10-14: their windows overlap 04:30–18:00."""
    changed = [ShiftAssignment(3, "night", date(2025, 10, 9)), ShiftAssignment(3, "day", date(2025, 10, 14))]
    own = punches(3, at(10, 13, 21, 58), at(10, 14, 7, 10), at(10, 14, 7, 20), at(10, 14, 17, 30))
    result = run(own, assignments=changed)
    night, morning = day(result, "E003", 10, 13), day(result, "E003", 10, 14)
    assert night.last_out == at(10, 14, 7, 10)  # 70 min after 06:00, 80 before 08:30
    assert morning.first_in == at(10, 14, 7, 20)  # 80 min after 06:00, 70 before 08:30
    assert night.overtime_workday_minutes == 60  # 07:10 − 06:00 = 70, down to 2 × 30


def test_company_overrides_win_for_every_shift() -> None:
    anyday = Shift("shop", time(9), time(17), statutory_calendar=False, workdays=frozenset(range(7)))
    calendar = WorkCalendar(
        {
            date(2025, 9, 26): CalendarOverride(date(2025, 9, 26), off=True, name="公司年会"),
            date(2025, 9, 27): CalendarOverride(date(2025, 9, 27), off=False, name="盘点"),
        }
    )
    staff = [Staff(1, "E001", "张伟")]
    worked = punches(1, at(9, 26, 9, 0), at(9, 26, 11, 0), at(10, 2, 9, 0), at(10, 2, 17, 0))
    for shift in (DAY, anyday):
        result = evaluate(
            start=date(2025, 9, 26),
            end=date(2025, 10, 2),
            employees=staff,
            shifts={"s": shift},
            assignments=[ShiftAssignment(1, "s", date(2025, 9, 1))],
            punches=worked,
            leaves=[],
            calendar=calendar,
        )
        off, workday = day(result, "E001", 9, 26), day(result, "E001", 9, 27)
        assert (off.scheduled, off.overtime_restday_minutes, off.calendar.source) == (False, 120, "company")
        assert (workday.scheduled, workday.status) == (True, DayStatus.ABSENT)  # a Saturday made a workday
    holiday = day(result, "E001", 10, 2)  # the shop's shift ignores the statutory calendar
    assert (holiday.scheduled, holiday.status, holiday.overtime_holiday_minutes) == (True, DayStatus.OVERTIME, 480)
    # 17:00 − 09:00 = 480: every hour worked on a statutory holiday is holiday overtime


def test_2027_is_not_guessed_and_the_timesheet_says_so() -> None:
    result = run([], start=date(2026, 12, 28), end=date(2027, 1, 5), today=None)
    assert result.notices == (
        "statutory holidays for 2027 are not known to this version; only the company's own dates apply",
    )
    new_year = person(result, "E001").days[4]  # 12-28, 29, 30, 31, then 01-01
    assert (new_year.day, new_year.calendar.kind, new_year.calendar.source) == (
        date(2027, 1, 1),
        DayKind.ORDINARY,
        "none",
    )
    assert (new_year.scheduled, new_year.status) == (True, DayStatus.ABSENT)  # a Friday, as far as anyone knows


def test_periods_that_cannot_be_exported() -> None:
    with pytest.raises(InputError, match=r"^a period of 367 days is longer than 366 days; export one year at a time$"):
        run([], start=date(2025, 1, 1), end=date(2026, 1, 2))  # 365 + 2
    with pytest.raises(InputError, match="before it starts"):
        run([], start=date(2025, 10, 2), end=date(2025, 10, 1))
    with pytest.raises(InputError, match="'evening'"):
        run([], assignments=[ShiftAssignment(1, "evening", date(2025, 9, 1))])
