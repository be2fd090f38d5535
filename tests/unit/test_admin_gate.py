"""The admin gate decides without Qt: PIN, lockout, idle lock, and their audit entries."""

from __future__ import annotations

import pytest

from kiosk.errors import InputError
from kiosk.paths import key_path_for
from kiosk.security.admin_gate import (
    ADMIN_IDLE_S,
    ADMIN_PIN_KEY,
    PIN_ATTEMPTS_BEFORE_LOCK,
    PIN_LOCK_S,
    AdminGate,
    GateAnswer,
    PinChange,
)
from kiosk.security.hashing import hash_secret
from kiosk.security.keyfile import PinKeyError

PIN = "246810"


@pytest.fixture
def gate(repo, clock) -> AdminGate:
    gate = AdminGate(repo, clock)
    gate.set_pin(PIN)
    return gate


def _actions(repo) -> list[tuple[str, str]]:
    return [(entry.action, entry.detail) for entry in reversed(repo.audit.entries())]


def test_first_run_needs_a_pin_and_setting_it_is_audited(repo, clock) -> None:
    gate = AdminGate(repo, clock)
    assert gate.needs_setup
    with pytest.raises(InputError, match="6 to 12 digits"):
        gate.set_pin("12")
    with pytest.raises(InputError, match="6 to 12 digits"):
        gate.set_pin("12345")  # long enough for a personal PIN, not for the admin's
    assert gate.needs_setup
    gate.set_pin(PIN)
    assert not gate.needs_setup
    assert PIN not in repo.settings.get("admin_pin_hash")
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


def test_changing_the_pin_needs_the_current_one_and_is_audited(gate: AdminGate, repo) -> None:
    gate.check(PIN)
    assert gate.change_pin("999999", "135792", "135792").answer is PinChange.WRONG_CURRENT
    assert gate.change_pin(PIN, "13579", "13579").answer is PinChange.TOO_SHORT
    assert gate.change_pin(PIN, "135792", "135793").answer is PinChange.MISMATCH
    assert gate.change_pin(PIN, "135792", "135792").answer is PinChange.CHANGED
    assert repo.settings.get(ADMIN_PIN_KEY).startswith("scrypt-k1$")
    assert [(e.actor, e.action, e.detail) for e in repo.audit.entries()[:3]] == [
        ("admin", "admin_pin_changed", "on the settings page"),
        ("kiosk", "admin_pin_ok", ""),
        ("kiosk", "admin_pin_refused", "changing the admin PIN"),
    ]
    gate.close()
    assert gate.check(PIN).answer is GateAnswer.WRONG
    assert gate.check("135792").answer is GateAnswer.OPENED


@pytest.mark.expected_log("kiosk.admin", "locked for")
def test_wrong_current_pins_count_toward_the_gates_lockout(gate: AdminGate, clock) -> None:
    gate.check(PIN)
    gate.check("000000")  # one wrong try at the door first
    for _ in range(PIN_ATTEMPTS_BEFORE_LOCK - 2):
        assert gate.change_pin("000000", "135792", "135792").answer is PinChange.WRONG_CURRENT
    locked = gate.change_pin("000000", "135792", "135792")
    assert (locked.answer, locked.locked_for_s) == (PinChange.LOCKED, PIN_LOCK_S)
    assert gate.change_pin(PIN, "135792", "135792").answer is PinChange.LOCKED  # even the right one, for now
    clock.advance(seconds=PIN_LOCK_S)
    assert gate.change_pin(PIN, "135792", "135792").answer is PinChange.CHANGED


def test_the_pin_cannot_be_changed_outside_admin_mode(gate: AdminGate) -> None:
    with pytest.raises(PermissionError):
        gate.change_pin(PIN, "135792", "135792")


@pytest.mark.production_pin_cost
def test_an_old_unkeyed_admin_pin_still_opens_and_is_keyed_once_changed(repo, clock, db_path) -> None:
    repo.settings.set(ADMIN_PIN_KEY, hash_secret("2468", key=None, n=2**14))  # a 4-digit PIN from before
    gate = AdminGate(repo, clock)
    assert gate.check("2468").answer is GateAnswer.OPENED
    assert not key_path_for(db_path).exists()
    assert gate.change_pin("2468", "135792", "135792").answer is PinChange.CHANGED
    assert repo.settings.get(ADMIN_PIN_KEY).startswith("scrypt-k1$65536$8$1$")
    assert key_path_for(db_path).is_file()


def test_a_missing_key_file_is_an_error_not_a_wrong_pin(gate: AdminGate, repo, db_path) -> None:
    key_path_for(db_path).unlink()
    with pytest.raises(PinKeyError, match="is missing"):
        gate.check(PIN)
    assert not gate.is_open
    assert not key_path_for(db_path).exists()  # no new key that would invalidate every PIN


def test_reset_sets_a_pin_without_the_old_one_and_names_the_os_user(gate: AdminGate, repo) -> None:
    with pytest.raises(InputError, match="6 to 12 digits"):
        gate.reset_pin("1234", "alice")
    assert gate.reset_pin("975310", "alice") == 0
    assert (repo.audit.entries()[0].actor, repo.audit.entries()[0].action, repo.audit.entries()[0].detail) == (
        "cli", "admin_pin_reset", "from the command line by OS user 'alice'"
    )
    assert gate.check("975310").answer is GateAnswer.OPENED
