"""Check-in/out rules and daily summaries, on a real database with a fake clock."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, time, timedelta

import pytest
from clocks import CHINA

from kiosk.attendance.days import DaySummary, daily_summaries
from kiosk.attendance.scan import AttendanceRules
from kiosk.errors import InputError


def _at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2024, 5, day, hour, minute, second, tzinfo=CHINA)


def _count(db_path) -> int:
    raw = sqlite3.connect(str(db_path))
    count = raw.execute("SELECT count(*) FROM events").fetchone()[0]
    raw.close()
    return count


@pytest.fixture
def rules(repo, clock) -> AttendanceRules:
    """Only the 60 s cooldown: these tests check in and out within minutes (the
    earliest check-out after a check-in has its own tests below)."""
    return AttendanceRules(repo, clock, cooldown_s=60.0, device_id="door-1", checkout_after_min=0)


def test_first_scan_checks_in_and_writes_exactly_one_event(rules, employee, clock, db_path):
    outcome = rules.register(employee, distance=0.38, live=True)
    assert outcome.kind == "in" and outcome.employee == employee
    assert outcome.seconds_since_last is None
    assert outcome.worked_today == timedelta(0)
    event = outcome.event
    assert event.id is not None and event.kind == "in"
    assert event.at_utc == clock().astimezone(UTC) and event.utc_offset_minutes == 480
    assert (event.distance, event.live, event.source, event.device_id) == (0.38, True, "face", "door-1")
    assert _count(db_path) == 1


def test_a_retried_check_in_with_its_uid_is_the_one_already_written(repo, employee, clock, db_path):
    """A decided check-in is retried with the same uid when the first write's answer was lost; with no
    cooldown to hide it, the retry would otherwise be a check-out two seconds later."""
    rules = AttendanceRules(repo, clock, cooldown_s=0.0, device_id="door-1", checkout_after_min=0)
    decided_at = clock()
    first = rules.register(employee, distance=0.4, live=True, at=decided_at, uid="3f1c-retry")
    clock.advance(seconds=2)
    again = rules.register(employee, distance=0.4, live=True, at=decided_at, uid="3f1c-retry")
    assert (first.kind, again.kind) == ("in", "in")
    assert again.event is not None and first.event is not None and again.event.id == first.event.id
    assert repo.events.with_uid("3f1c-retry") == first.event
    assert _count(db_path) == 1
    clock.advance(seconds=2)
    assert rules.register(employee, distance=0.4, live=True, uid="another").kind == "out"
    assert _count(db_path) == 2


def test_double_scan_within_cooldown_writes_nothing(rules, employee, clock, db_path):
    rules.register(employee, distance=0.4, live=True)
    clock.advance(seconds=30)
    outcome = rules.register(employee, distance=0.4, live=True)
    assert outcome.kind == "cooldown" and outcome.event is None
    assert outcome.seconds_since_last == 30.0
    assert outcome.worked_today == timedelta(0)
    assert _count(db_path) == 1
    clock.advance(seconds=30)
    assert rules.register(employee, distance=0.4, live=True).kind == "out"
    assert _count(db_path) == 2


def test_cooldown_also_covers_a_clock_stepped_back(rules, employee, db_path):
    rules.register(employee, distance=0.4, live=True, at=_at(6, 9))
    outcome = rules.register(employee, distance=0.4, live=True, at=_at(6, 8, 59, 50))
    assert outcome.kind == "cooldown" and outcome.seconds_since_last == -10.0
    assert _count(db_path) == 1


def test_zero_cooldown_disables_it(repo, employee, clock):
    rules = AttendanceRules(repo, clock, cooldown_s=0, checkout_after_min=0)
    assert [rules.register(employee, distance=None, live=True).kind for _ in range(3)] == ["in", "out", "in"]


def test_negative_cooldown_is_refused(repo, clock):
    with pytest.raises(InputError):
        AttendanceRules(repo, clock, cooldown_s=-1)
    with pytest.raises(InputError):
        AttendanceRules(repo, clock, checkout_after_min=-1)


def test_a_scan_within_five_minutes_of_checking_in_says_already_checked_in(repo, employee, clock, db_path):
    rules = AttendanceRules(repo, clock)  # the defaults: 60 s cooldown, check-out from 5 min after a check-in
    checked_in = rules.register(employee, distance=0.4, live=True).event
    for seconds in (61, 120, 299):  # past the cooldown, still too soon to check out
        outcome = rules.register(employee, distance=0.4, live=True, at=clock() + timedelta(seconds=seconds))
        assert (outcome.kind, outcome.event) == ("cooldown", None)
        assert outcome.previous == checked_in  # the screen says "already checked in at 08:55" from it
        assert outcome.seconds_since_last == seconds
    assert _count(db_path) == 1
    clock.advance(minutes=5)
    assert rules.register(employee, distance=0.4, live=True).kind == "out"
    assert _count(db_path) == 2


def test_after_a_check_out_only_the_cooldown_holds_the_next_check_in(repo, employee, clock):
    rules = AttendanceRules(repo, clock, checkout_after_min=5)
    rules.register(employee, distance=0.4, live=True)
    clock.advance(minutes=5)
    checked_out = rules.register(employee, distance=0.4, live=True).event
    clock.advance(seconds=59)
    cooldown = rules.register(employee, distance=0.4, live=True)
    assert (cooldown.kind, cooldown.previous) == ("cooldown", checked_out)
    clock.advance(seconds=1)
    assert rules.register(employee, distance=0.4, live=True).kind == "in"


def test_the_settings_wire_the_earliest_check_out(repo, employee, clock):
    from kiosk.settings.specs import Settings
    from kiosk.wiring import create_rules

    rules = create_rules(repo, Settings(checkout_after_min=30), clock)
    rules.register(employee, distance=0.4, live=True)
    assert rules.register(employee, distance=0.4, live=True, at=clock() + timedelta(minutes=29)).kind == "cooldown"
    assert rules.register(employee, distance=0.4, live=True, at=clock() + timedelta(minutes=30)).kind == "out"


def test_sequence_toggles_and_sums_worked_time_exactly(rules, employee, clock):
    moments = [_at(6, 8, 55), _at(6, 12, 0, 30), _at(6, 13, 0), _at(6, 18, 29, 0)]
    outcomes = []
    for moment in moments:
        clock.now = moment
        outcomes.append(rules.register(employee, distance=0.4, live=True))
    assert [o.kind for o in outcomes] == ["in", "out", "in", "out"]
    assert [o.worked_today for o in outcomes] == [
        timedelta(0),
        timedelta(hours=3, minutes=5, seconds=30),
        timedelta(hours=3, minutes=5, seconds=30),
        timedelta(hours=8, minutes=34, seconds=30),
    ]
    assert outcomes[1].seconds_since_last == (moments[1] - moments[0]).total_seconds()


def test_first_scan_of_the_day_is_in_even_if_yesterday_was_left_open(rules, employee, db_path):
    assert rules.register(employee, distance=0.4, live=True, at=_at(6, 9)).kind == "in"
    outcome = rules.register(employee, distance=0.4, live=True, at=_at(7, 8, 50))
    assert outcome.kind == "in"
    assert outcome.seconds_since_last == timedelta(hours=23, minutes=50).total_seconds()
    assert outcome.worked_today == timedelta(0)
    assert _count(db_path) == 2


def test_day_boundary_is_local_midnight_not_utc(rules, employee):
    # 23:30 and 00:30 in China are 15:30 and 16:30 of the same UTC day.
    assert rules.register(employee, distance=0.4, live=True, at=_at(6, 23, 30)).kind == "in"
    late = rules.register(employee, distance=0.4, live=True, at=_at(7, 0, 30))
    assert late.event.at_utc.date() == date(2024, 5, 6)
    assert late.kind == "in"


def test_pin_source_is_recorded(rules, employee):
    outcome = rules.register(employee, distance=None, live=False, source="pin")
    assert (outcome.event.source, outcome.event.live, outcome.event.distance) == ("pin", False, None)


def test_inactive_employee_cannot_check_in(rules, repo, employee, db_path):
    inactive = repo.employees.update(employee.id, active=False)
    with pytest.raises(InputError, match="deactivated"):
        rules.register(inactive, distance=0.3, live=True)
    assert _count(db_path) == 0


# ---------------------------------------------------------------- daily summaries


def _scan(rules, employee, *moments):
    for moment in moments:
        rules.register(employee, distance=0.4, live=True, at=moment)


def test_summary_of_a_full_day(rules, repo, employee):
    _scan(rules, employee, _at(6, 8, 55), _at(6, 12, 0), _at(6, 13, 0), _at(6, 18, 29))
    [summary] = daily_summaries(repo, date(2024, 5, 6), date(2024, 5, 6), start_time=time(9, 0))
    assert summary == DaySummary(
        employee_id=employee.id,
        code="E001",
        name="张伟",
        department="研发",
        day=date(2024, 5, 6),
        first_in=_at(6, 8, 55),
        last_out=_at(6, 18, 29),
        worked=timedelta(hours=8, minutes=34),
        events=4,
        flags=(),
    )
    assert summary.first_in.utcoffset() == timedelta(hours=8)


def test_missing_out_and_late_flags(rules, repo, employee):
    _scan(rules, employee, _at(6, 9, 1), _at(6, 17, 0), _at(7, 9, 0))
    monday, tuesday = daily_summaries(repo, date(2024, 5, 6), date(2024, 5, 7), start_time=time(9, 0))
    assert monday.flags == ("late",) and monday.worked == timedelta(hours=7, minutes=59)
    assert tuesday.flags == ("missing_out",)  # exactly 09:00 is on time
    assert (tuesday.first_in, tuesday.last_out, tuesday.worked, tuesday.events) == (_at(7, 9), None, timedelta(0), 1)
    no_start = daily_summaries(repo, date(2024, 5, 6), date(2024, 5, 6))
    assert no_start[0].flags == ()


def test_out_without_in_is_flagged_missing_in(repo, employee):
    repo.events.add_manual(employee.id, "out", _at(6, 18), 480, reason="left without scanning in")
    [summary] = daily_summaries(repo, date(2024, 5, 6), date(2024, 5, 6))
    assert summary.flags == ("missing_in",) and summary.first_in is None and summary.worked == timedelta(0)


def test_days_are_inclusive_local_dates(rules, repo, employee):
    _scan(rules, employee, _at(5, 23, 30), _at(6, 0, 30), _at(6, 9), _at(7, 0, 10), _at(8, 9))
    summaries = daily_summaries(repo, date(2024, 5, 6), date(2024, 5, 7))
    assert [(s.day, s.events) for s in summaries] == [(date(2024, 5, 6), 2), (date(2024, 5, 7), 1)]
    assert summaries[0].worked == timedelta(hours=8, minutes=30)


def test_filters_by_code_and_department_and_orders_by_day_then_code(rules, repo, employee):
    li = repo.employees.add("E002", "李娜", "销售")
    wang = repo.employees.add("E000", "王芳", "研发")
    _scan(rules, li, _at(6, 9))
    _scan(rules, wang, _at(6, 9, 5), _at(7, 9))
    _scan(rules, employee, _at(6, 8, 30))
    everyone = daily_summaries(repo, date(2024, 5, 6), date(2024, 5, 7))
    assert [(s.day.day, s.code) for s in everyone] == [(6, "E000"), (6, "E001"), (6, "E002"), (7, "E000")]
    assert [s.code for s in daily_summaries(repo, date(2024, 5, 6), date(2024, 5, 7), department="研发")] == [
        "E000",
        "E001",
        "E000",
    ]
    only = daily_summaries(repo, date(2024, 5, 6), date(2024, 5, 7), employee_code="E000", department="研发")
    assert [(s.day.day, s.code) for s in only] == [(6, "E000"), (7, "E000")]
    assert daily_summaries(repo, date(2024, 5, 6), date(2024, 5, 7), employee_code="E002", department="研发") == []


def test_summary_refuses_bad_range_and_unknown_code(repo, employee):
    with pytest.raises(InputError, match="before the start"):
        daily_summaries(repo, date(2024, 5, 7), date(2024, 5, 6))
    with pytest.raises(InputError, match="E999"):
        daily_summaries(repo, date(2024, 5, 6), date(2024, 5, 6), employee_code="E999")


def test_deactivated_employee_keeps_history(rules, repo, employee):
    _scan(rules, employee, _at(6, 9), _at(6, 17))
    repo.employees.update(employee.id, active=False)
    [summary] = daily_summaries(repo, date(2024, 5, 6), date(2024, 5, 6))
    assert summary.worked == timedelta(hours=8)


def test_an_open_day_is_in_progress_until_it_is_over(rules, repo, employee, clock):
    rules.register(employee, distance=0.4, live=True, at=_at(6, 8, 55))
    rules.register(employee, distance=0.4, live=True, at=_at(7, 8, 50))
    monday, tuesday = daily_summaries(repo, date(2024, 5, 6), date(2024, 5, 7), today=clock().date() + timedelta(1))
    assert (monday.flags, tuesday.flags) == (("missing_out",), ("in_progress",))
    assert tuesday.worked == timedelta(0)
    # Without a today every open day counts as over (the old behaviour, for callers that cannot know).
    assert daily_summaries(repo, date(2024, 5, 7), date(2024, 5, 7))[0].flags == ("missing_out",)


def test_totals_per_employee_add_up_days_hours_late_and_missing_check_outs(rules, repo, employee, clock):
    from kiosk.attendance.days import employee_totals

    other = repo.employees.add("E000", "李娜", "销售")
    for moment in (_at(6, 9, 5), _at(6, 17, 35), _at(7, 8, 55), _at(8, 9, 30)):  # Wed 08 still open
        rules.register(employee, distance=0.4, live=True, at=moment)
    for moment in (_at(6, 8, 0), _at(6, 12, 0)):
        rules.register(other, distance=0.4, live=True, at=moment)
    summaries = daily_summaries(repo, date(2024, 5, 6), date(2024, 5, 8), start_time=time(9, 0), today=date(2024, 5, 8))
    lina, wei = employee_totals(summaries)
    assert (lina.code, lina.days_present, lina.worked, lina.late_days, lina.missing_outs) == (
        "E000", 1, timedelta(hours=4), 0, 0
    )
    assert (wei.code, wei.name, wei.department) == ("E001", "张伟", "研发")
    assert (wei.days_present, wei.worked, wei.late_days, wei.missing_outs, wei.days_in_progress) == (
        3, timedelta(hours=8, minutes=30), 2, 1, 1
    )
