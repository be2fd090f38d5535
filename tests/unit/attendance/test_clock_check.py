"""A wrong clock costs no record: the check-in is kept and flagged ``clock_suspect``, one rule at a time;
a punch recorded after a later one is paired by time; and the scan rules keep their sense when the clock
jumps back. On a real database with a fake clock, as the kiosk's rules run them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from clocks import CHINA, FakeClock

import kiosk
from kiosk.attendance.clock_check import MAX_BEHIND_LOG, ClockDoubt, check_clock, judge_clock
from kiosk.attendance.days import daily_summaries
from kiosk.attendance.scan import AttendanceRules
from kiosk.storage.models import AttendanceEvent, Employee
from kiosk.storage.repository import Repository

FLAGGED = ("clock_suspect",)


def _at(hour: int, minute: int = 0, day: int = 23) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=CHINA)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(_at(9))


@pytest.fixture
def rules(repo: Repository, clock: FakeClock) -> AttendanceRules:
    return AttendanceRules(repo, clock, cooldown_s=60.0, device_id="door-1", checkout_after_min=5)


@pytest.fixture
def other(repo: Repository) -> Employee:
    return repo.employees.add("E002", "李娜", "销售")


def _scan(rules: AttendanceRules, clock: FakeClock, employee: Employee, moment: datetime):
    clock.now = moment
    outcome = rules.register(employee, distance=0.4, live=True)
    assert outcome.event is not None, outcome
    return outcome.event


# ---------------------------------------------------------------- one test per rule


def test_a_clock_more_than_ten_minutes_behind_the_log_is_suspect(rules, clock, employee, other) -> None:
    _scan(rules, clock, employee, _at(9, 0))
    assert _scan(rules, clock, other, _at(8, 51)).flags == ()  # 9 minutes behind: clocks drift that much
    flagged = _scan(rules, clock, other, _at(9) - MAX_BEHIND_LOG - timedelta(minutes=5))  # 15 minutes behind
    assert flagged.flags == FLAGGED and flagged.kind == "out"  # kept, and continuing the person's day
    assert [event.flags for event in rules.repo.events.flagged()] == [FLAGGED]


def test_a_clock_before_the_release_day_is_suspect(rules, clock, employee, monkeypatch) -> None:
    monkeypatch.setattr(kiosk, "RELEASE_DATE", date(2026, 12, 7))  # the real rule, not the suite's 2000-01-01
    cmos_reset = _scan(rules, clock, employee, datetime(2000, 1, 1, 8, 3, tzinfo=CHINA))
    assert cmos_reset.flags == FLAGGED and cmos_reset.id is not None
    verdict = check_clock(rules.repo, datetime(2000, 1, 1, 8, 4, tzinfo=CHINA))
    assert verdict.doubts == (ClockDoubt.BEFORE_RELEASE,)
    assert "earlier than the release of this version (2026-12-07)" in verdict.describe()
    assert not check_clock(rules.repo, datetime(2026, 12, 7, 0, 0, tzinfo=CHINA)).suspect


def test_a_clock_more_than_two_minutes_off_the_servers_at_the_last_sync_is_suspect(
    rules, clock, repo, employee, other
) -> None:
    repo.sync_state.record_server_clock(-119.0)  # this kiosk 1 min 59 s ahead of its server: fine
    assert _scan(rules, clock, employee, _at(9)).flags == ()
    repo.sync_state.record_server_clock(150.0)  # 2 min 30 s behind
    assert _scan(rules, clock, other, _at(9, 1)).flags == FLAGGED
    assert "150 s behind the server's clock" in check_clock(repo, _at(9, 2)).describe()


def test_a_check_in_written_late_keeps_the_verdict_of_when_it_was_decided(rules, clock, repo, employee, other) -> None:
    """Decided at 08:55 with a sound clock, written at 09:31 (the disk was full) after another door's 09:00:
    the engine judged the clock when it decided, and that verdict is the one written."""
    decided = rules.clock_flags(_at(8, 55))
    _scan(rules, clock, employee, _at(9, 0))
    clock.now = _at(9, 31)
    late = rules.register(other, distance=0.4, live=True, at=_at(8, 55), flags=decided)
    assert late.event is not None and (late.kind, late.event.flags) == ("in", ())
    assert rules.clock_flags(_at(8, 49)) == FLAGGED  # a reading taken now, 11 minutes behind the log
    assert judge_clock(_at(8, 49), _at(9, 0).astimezone(UTC), None).doubts == (ClockDoubt.BEHIND_LOG,)


def test_manual_and_imported_punches_do_not_count_as_clock_readings(rules, clock, repo, employee) -> None:
    """HR types a correction for tomorrow by mistake: it is no sign that the kiosk's clock went back."""
    repo.events.add_manual(employee.id, "in", _at(9, day=24).astimezone(UTC), 480, "typed the wrong day")
    assert repo.events.newest_clocked_at() is None
    assert _scan(rules, clock, employee, _at(9)).flags == ()


# ---------------------------------------------------------------- out of order


def test_a_later_punch_recorded_before_an_earlier_one_is_paired_by_time(repo, employee) -> None:
    """In 08:55 written after 12:00 (another door's, or a write that waited for space): in 08:55, out 12:00."""
    for kind, moment in (("in", _at(12)), ("in", _at(8, 55))):  # each door decided "in": it knew no other punch
        repo.events.add(AttendanceEvent(None, employee.id, kind, moment.astimezone(UTC), 480, 0.4, True, "face", "k"))
    [day] = daily_summaries(repo, date(2026, 11, 23), date(2026, 11, 23), today=date(2026, 11, 24))
    assert (day.first_in, day.last_out, day.flags) == (_at(8, 55), _at(12), ())
    assert day.worked == timedelta(hours=3, minutes=5)


def test_a_manual_correction_keeps_the_direction_hr_gave_it(repo, employee) -> None:
    repo.events.add(AttendanceEvent(None, employee.id, "in", _at(8, 55).astimezone(UTC), 480, 0.4, True, "face", "k"))
    repo.events.add_manual(employee.id, "in", _at(9, 5).astimezone(UTC), 480, "scanned twice, team leader says 09:05")
    repo.events.add(AttendanceEvent(None, employee.id, "out", _at(17).astimezone(UTC), 480, 0.4, True, "face", "k"))
    [day] = daily_summaries(repo, date(2026, 11, 23), date(2026, 11, 23))
    assert (day.first_in, day.last_out, day.flags) == (_at(8, 55), _at(17), ())
    assert day.worked == timedelta(hours=8, minutes=5)


def test_after_the_clock_jumps_back_a_scan_continues_the_persons_day(rules, clock, employee) -> None:
    checked_in = _scan(rules, clock, employee, _at(8, 55))
    # The clock jumps back: leaving at 12:00 real time, the person meets a clock that reads 08:05.
    # Their check-out is still a check-out (the screen says goodbye), flagged for HR to fix its time.
    clock.now = _at(8, 5)  # before the 08:55 check-in
    out = rules.register(employee, distance=0.4, live=True)
    assert out.kind == "out" and out.event is not None and out.event.flags == FLAGGED
    # Scanning again at once is a cooldown, counted from the nearest punch, whichever side of it.
    clock.now += timedelta(seconds=30)
    again = rules.register(employee, distance=0.4, live=True)
    assert (again.kind, again.event, again.previous) == ("cooldown", None, out.event)
    assert checked_in.flags == () and len(rules.repo.events.flagged()) == 1


def test_after_the_clock_jumps_back_the_earliest_check_out_counts_either_way(repo, employee) -> None:
    clock = FakeClock(_at(8, 55))
    rules = AttendanceRules(repo, clock, cooldown_s=60.0, checkout_after_min=5)
    rules.register(employee, distance=0.4, live=True)
    clock.now = _at(8, 52)  # three minutes before the check-in: as soon as three minutes after it
    too_soon = rules.register(employee, distance=0.4, live=True)
    assert too_soon.kind == "cooldown" and too_soon.previous is not None and too_soon.previous.at_local == _at(8, 55)
    clock.now = _at(8, 40)  # 15 minutes before: the clock went back, the person is leaving
    assert rules.register(employee, distance=0.4, live=True).kind == "out"
