"""A timesheet from the database: staff, shifts, assignments, punches on the kiosk's clock, leave and company
dates gathered, then the rules. The rules' own numbers are golden-tested elsewhere; these are worked out
by hand for the gathering: a night shift's morning punch past the period's end, leave moving the start,
a company day off, filters, and who is in the report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from kiosk.attendance.records import DayStatus, PersonPeriod
from kiosk.errors import InputError
from kiosk.reports.timesheet_query import load_timesheet
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository

CHINA = timezone(timedelta(hours=8))
MONDAY, TUESDAY = date(2025, 10, 13), date(2025, 10, 14)


def _punch(repo: Repository, employee_id: int, *at: int, source: str = "face") -> None:
    moment = datetime(*at, tzinfo=CHINA)  # type: ignore[misc]
    repo.events.add(AttendanceEvent(None, employee_id, "in", moment.astimezone(UTC), 480, None, False, source, "d1"))


@pytest.fixture
def office(repo: Repository) -> Repository:
    """张伟 on days (08:30–17:30, lunch), 王芳 on nights (22:00–06:00, every day), 李娜 with no shift, 赵强 gone."""
    repo.shifts.add("Day", "08:30", "17:30", breaks=[("12:00", "13:00")])
    repo.shifts.add("Night", "22:00", "06:00", workdays=range(7), statutory_calendar=False)
    zhang = repo.employees.add("0012", "张伟", "生产部")
    wang = repo.employees.add("0014", "王芳", "仓库")
    repo.employees.add("0013", "李娜", "生产部")
    zhao = repo.employees.add("0015", "赵强", "仓库")
    repo.shifts.assign(zhang.id, "Day", date(2025, 10, 1))
    repo.shifts.assign(wang.id, "Night", date(2025, 10, 1))
    repo.shifts.assign(zhao.id, "Day", date(2025, 10, 1))
    repo.employees.update(zhao.id, active=False)  # deactivated by the fixture clock, in 2024: before the period
    _punch(repo, zhang.id, 2025, 10, 13, 8, 36)
    _punch(repo, zhang.id, 2025, 10, 13, 17, 30, source="import")
    repo.leave.add(zhang.id, datetime(2025, 10, 14, 8, 30), datetime(2025, 10, 14, 12), "sick")
    _punch(repo, zhang.id, 2025, 10, 14, 12, 58)
    _punch(repo, zhang.id, 2025, 10, 14, 17, 31)
    _punch(repo, wang.id, 2025, 10, 12, 21, 58)  # Sunday's night: before the period
    _punch(repo, wang.id, 2025, 10, 13, 5, 59)  # ... and its morning, on Monday's date
    _punch(repo, wang.id, 2025, 10, 13, 22, 3)
    _punch(repo, wang.id, 2025, 10, 14, 6, 1)
    _punch(repo, wang.id, 2025, 10, 14, 21, 50)
    _punch(repo, wang.id, 2025, 10, 15, 5, 40)  # Tuesday's night ends on Wednesday, after the period
    return repo


def _person(people: tuple[PersonPeriod, ...], code: str) -> PersonPeriod:
    [person] = [p for p in people if p.code == code]
    return person


def test_the_period_gathers_every_source(office: Repository) -> None:
    sheet = load_timesheet(office, MONDAY, TUESDAY, today=None)
    assert [p.code for p in sheet.people] == ["0012", "0013", "0014"]  # 赵强 left before the period
    zhang = _person(sheet.people, "0012")
    assert [d.status for d in zhang.days] == [DayStatus.LATE, DayStatus.LEAVE]  # not late: due at 13:00
    assert (zhang.late_minutes, zhang.leave_minutes, zhang.days_present) == (6, 210, 2)
    assert zhang.worked_minutes == (534 - 60) + (273 - 2)  # 08:36–17:30 and 12:58–17:31, minus unpaid lunch in them
    wang = _person(sheet.people, "0014")
    assert [(d.first_in, d.last_out) for d in wang.days] == [
        (datetime(2025, 10, 13, 22, 3), datetime(2025, 10, 14, 6, 1)),
        (datetime(2025, 10, 14, 21, 50), datetime(2025, 10, 15, 5, 40)),
    ]
    assert (wang.early_leave_minutes, wang.late_minutes, wang.scheduled_days) == (20, 0, 2)
    li = _person(sheet.people, "0013")
    assert (li.shift_name, li.scheduled_days, {d.status for d in li.days}) == ("", 0, {DayStatus.NOT_EMPLOYED})
    assert [p.source for p in sheet.punches if p.employee_id == zhang.employee_id] == ["face", "import", "face",
                                                                                        "face"]  # fmt: skip
    assert sheet.notices == ()


def test_a_company_day_off_and_today(office: Repository) -> None:
    office.calendar.set(TUESDAY, off=True, name="停电")
    sheet = load_timesheet(office, MONDAY, TUESDAY, today=TUESDAY)
    zhang = _person(sheet.people, "0012")
    assert [d.status for d in zhang.days] == [DayStatus.LATE, DayStatus.IN_PROGRESS]
    assert zhang.days[1].calendar.name == "停电"
    sheet = load_timesheet(office, MONDAY, TUESDAY, today=None)
    assert _person(sheet.people, "0012").days[1].status is DayStatus.OVERTIME  # worked a day off: rest-day overtime
    assert _person(sheet.people, "0014").days[1].scheduled is False  # company dates bind every shift


def test_filters_and_refusals(office: Repository) -> None:
    assert [p.code for p in load_timesheet(office, MONDAY, TUESDAY, today=None, employee_code=" 0015 ").people] == [
        "0015"
    ]  # fmt: skip
    assert [p.code for p in load_timesheet(office, MONDAY, TUESDAY, today=None, department="生产部").people] == [
        "0012", "0013"
    ]  # fmt: skip
    with pytest.raises(InputError, match="no employee with code 0099"):
        load_timesheet(office, MONDAY, TUESDAY, today=None, employee_code="0099")
    with pytest.raises(InputError, match="nobody in department '财务部'"):
        load_timesheet(office, MONDAY, TUESDAY, today=None, department="财务部")
    with pytest.raises(InputError) as refused:
        load_timesheet(office, date(2025, 1, 1), date(2026, 1, 2), today=None)
    assert str(refused.value) == "a period of 367 days is longer than 366 days; export one year at a time"


def test_a_year_the_calendar_does_not_know_gets_its_notice(office: Repository) -> None:
    sheet = load_timesheet(office, date(2026, 12, 28), date(2027, 1, 3), today=None)
    assert sheet.notices == (
        "statutory holidays for 2027 are not known to this version; only the company's own dates apply",
    )
