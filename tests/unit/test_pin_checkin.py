"""Code + PIN check-in: the same rules as a face, a lockout against guessing, every attempt audited."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.attendance.pin_checkin import KIOSK_LOCKOUT, PER_CODE_LOCKOUT, PinAnswer
from kiosk.attendance.scan import OutcomeKind
from kiosk.security.pins import PinStore
from kiosk.settings.specs import Settings
from kiosk.wiring import create_pin_checkin

FOREVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


@pytest.fixture
def ann(repo):
    employee = repo.employees.add("0042", "Ann Li")
    PinStore(repo).set_employee_pin(employee.id, "8642")
    return employee


def test_right_pin_checks_in_with_source_pin_and_the_settings_cooldown(repo, clock, ann) -> None:
    service = create_pin_checkin(repo, Settings(cooldown_s=120, device_id="door-2"), clock)
    first = service.check_in(" 0042 ", "8642")
    assert first.answer is PinAnswer.ACCEPTED and first.outcome.kind is OutcomeKind.CHECKED_IN
    clock.advance(seconds=60)
    again = service.check_in("0042", "8642")
    assert again.outcome.kind is OutcomeKind.COOLDOWN  # 60 s < the settings' 120 s
    events = repo.events.between(*FOREVER)
    assert [(e.employee_id, e.kind, e.source, e.live, e.device_id) for e in events] == [
        (ann.id, "in", "pin", False, "door-2")
    ]


def test_wrong_pin_writes_no_event_and_every_attempt_is_audited_without_the_pin(repo, clock, ann) -> None:
    service = create_pin_checkin(repo, Settings(), clock)
    assert service.check_in("0042", "0000").answer is PinAnswer.REFUSED
    assert service.check_in("9999", "8642").answer is PinAnswer.REFUSED
    assert service.check_in("0042", "8642").answer is PinAnswer.ACCEPTED
    assert len(repo.events.between(*FOREVER)) == 1
    audit = [(e.action, e.detail) for e in reversed(repo.audit.entries()) if e.action.startswith("pin_checkin")]
    assert audit == [
        ("pin_checkin_refused", "code '0042'"),
        ("pin_checkin_refused", "code '9999'"),
        ("pin_checkin_ok", "code '0042': in"),
    ]
    assert not any("8642" in e.detail or "0000" in e.detail for e in repo.audit.entries())


@pytest.mark.expected_log("kiosk.pin", "locked after repeated wrong PINs")
def test_guessing_one_code_locks_it_even_for_the_right_pin(repo, clock, ann) -> None:
    service = create_pin_checkin(repo, Settings(), clock)
    answers = [service.check_in("0042", f"{guess:04d}").answer for guess in range(PER_CODE_LOCKOUT.attempts)]
    assert answers == [PinAnswer.REFUSED] * (PER_CODE_LOCKOUT.attempts - 1) + [PinAnswer.LOCKED]
    locked = service.check_in("0042", "8642")
    assert locked.answer is PinAnswer.LOCKED and locked.locked_for_s == PER_CODE_LOCKOUT.lock_s
    assert repo.events.between(*FOREVER) == []
    clock.advance(seconds=PER_CODE_LOCKOUT.lock_s)
    assert service.check_in("0042", "8642").answer is PinAnswer.ACCEPTED


@pytest.mark.expected_log("kiosk.pin", "locked after repeated wrong PINs")
def test_guessing_across_codes_locks_the_whole_kiosk(repo, clock, ann) -> None:
    service = create_pin_checkin(repo, Settings(), clock)
    answers = [service.check_in(f"X{n}", "1111").answer for n in range(KIOSK_LOCKOUT.attempts)]
    assert answers[-1] is PinAnswer.LOCKED and PinAnswer.LOCKED not in answers[:-1]
    assert service.check_in("0042", "8642").answer is PinAnswer.LOCKED


def test_the_pick_your_name_list_holds_active_staff_by_department_and_name(repo, clock) -> None:
    from kiosk.attendance.pin_checkin import RosterEntry, roster_departments

    repo.employees.add("S-2", "Bo Chen", "Sales")
    repo.employees.add("OPS-7", "ann li", "Operations")
    repo.employees.add("OPS-1", "Zed Wu", "Operations")
    repo.employees.add("X9", "No Dept")
    gone = repo.employees.add("OPS-9", "Carl Gone", "Operations")
    repo.employees.update(gone.id, active=False)
    roster = create_pin_checkin(repo, Settings(), clock).roster()
    assert roster == [
        RosterEntry("X9", "No Dept", ""),
        RosterEntry("OPS-7", "ann li", "Operations"),
        RosterEntry("OPS-1", "Zed Wu", "Operations"),
        RosterEntry("S-2", "Bo Chen", "Sales"),
    ]
    assert roster_departments(roster) == ["", "Operations", "Sales"]
