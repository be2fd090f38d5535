"""The admin gate decides without Qt: PIN, lockout, idle lock, and their audit entries."""

from __future__ import annotations

import pytest

from kiosk.admin_gate import ADMIN_IDLE_S, PIN_ATTEMPTS_BEFORE_LOCK, PIN_LOCK_S, AdminGate, GateAnswer
from kiosk.errors import InputError

PIN = "246810"


@pytest.fixture
def gate(repo, clock) -> AdminGate:
    gate = AdminGate(repo, clock)
    gate.set_pin(PIN)
    return gate


def _actions(repo) -> list[tuple[str, str]]:
    return [(entry.action, entry.detail) for entry in reversed(repo.audit_log())]


def test_first_run_needs_a_pin_and_setting_it_is_audited(repo, clock) -> None:
    gate = AdminGate(repo, clock)
    assert gate.needs_setup
    with pytest.raises(InputError, match="4 to 12 digits"):
        gate.set_pin("12")
    assert gate.needs_setup
    gate.set_pin(PIN)
    assert not gate.needs_setup
    assert PIN not in repo.get_setting("admin_pin_hash")
    assert _actions(repo) == [("admin_pin_set", "first run")]


def test_right_pin_opens_and_wrong_pin_does_not(gate: AdminGate, repo) -> None:
    assert gate.check("000000").answer is GateAnswer.WRONG
    assert not gate.is_open
    assert gate.check(PIN).answer is GateAnswer.OPENED
    assert gate.is_open
    assert _actions(repo)[-2:] == [("admin_pin_refused", ""), ("admin_pin_ok", "")]


@pytest.mark.expected_log("kiosk.admin", "locked for")
def test_repeated_wrong_pins_lock_even_the_right_one_until_the_clock_moves_on(gate: AdminGate, repo, clock) -> None:
    for _ in range(PIN_ATTEMPTS_BEFORE_LOCK - 1):
        assert gate.check("000000").answer is GateAnswer.WRONG
    locked = gate.check("000000")
    assert locked.answer is GateAnswer.LOCKED and locked.locked_for_s == PIN_LOCK_S
    clock.advance(seconds=PIN_LOCK_S - 10)
    refused = gate.check(PIN)
    assert (refused.answer, refused.locked_for_s) == (GateAnswer.LOCKED, 10)
    assert not gate.is_open
    assert _actions(repo)[-1] == ("admin_pin_refused", "locked after repeated wrong PINs")
    clock.advance(seconds=10)
    assert gate.check(PIN).answer is GateAnswer.OPENED


def test_a_right_pin_clears_earlier_wrong_ones(gate: AdminGate) -> None:
    for _ in range(PIN_ATTEMPTS_BEFORE_LOCK - 1):
        gate.check("000000")
    gate.check(PIN)
    gate.close()
    assert gate.check("000000").answer is GateAnswer.WRONG


def test_admin_mode_closes_itself_after_idling_and_says_so_in_the_audit(gate: AdminGate, repo, clock) -> None:
    gate.check(PIN)
    clock.advance(seconds=ADMIN_IDLE_S - 1)
    assert not gate.close_if_idle()
    gate.touch()  # the admin is still busy: the idle time starts again
    clock.advance(seconds=ADMIN_IDLE_S - 1)
    assert not gate.close_if_idle() and gate.is_open
    clock.advance(seconds=1)
    assert gate.close_if_idle()
    assert not gate.is_open
    assert _actions(repo)[-1] == ("admin_timeout", "admin mode left idle")
    assert not gate.close_if_idle()  # closing is audited once
