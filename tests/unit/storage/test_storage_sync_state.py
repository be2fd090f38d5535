"""``repo.sync_state``: a kiosk file's side of a sync round, one transaction a step (the rounds: ``test_sync*.py``)."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from kiosk.errors import InputError
from kiosk.storage.events import EventOnServerError
from kiosk.storage.models import AttendanceEvent, utc_text
from kiosk.storage.sync_state import (
    EMPLOYEE_FIELDS,
    PulledEmployee,
    SettingsUpdate,
    TravellingEvent,
    employee_fingerprint,
)

AT = datetime(2026, 11, 23, 8, 55, tzinfo=UTC)


def _check_in(repo, employee, minutes: int = 0) -> AttendanceEvent:
    at = AT.replace(minute=minutes)
    return repo.events.add(AttendanceEvent(None, employee.id, "in", at, 480, 0.3, True, "face", "door-1"))


def test_events_being_sent_cannot_be_corrected_and_confirmed_ones_stop_waiting(repo, employee):
    first, second = _check_in(repo, employee, 1), _check_in(repo, employee, 2)
    batch = repo.sync_state.start_sending(10, held_back=[second.uid])
    assert [(event.uid, event.employee_uid, event.kind, event.live) for event in batch] == [
        (first.uid, employee.uid, "in", 1)
    ]
    with pytest.raises(EventOnServerError):
        repo.events.update(first.id, kind="out", reason="typo")
    repo.events.update(second.id, kind="out", reason="typo")  # held back: not being sent, still correctable
    repo.sync_state.finish_sending([first.uid])
    status = repo.sync_state.status()
    assert (status.pending, status.oldest_pending_at, status.last_success_at) == (1, second.at_utc, None)
    with pytest.raises(EventOnServerError):
        repo.events.update(first.id, kind="out", reason="typo")  # the server holds it now
    assert repo.sync_state.start_sending(10, held_back=[second.uid]) == []
    repo.sync_state.record_success(AT)
    assert repo.sync_state.status().last_success_at == AT


def test_pulled_events_are_applied_once_with_their_cursor(repo, employee):
    mine = _check_in(repo, employee, 1)
    corrected = TravellingEvent(
        mine.uid, employee.uid, "out", utc_text(AT), 480, 0.3, 1, "face", "door-1", "corrected by HR"
    )
    stranger = TravellingEvent("e-2", "nobody", "in", utc_text(AT), 480, 0.3, 1, "face", "door-2", "")
    applied = repo.sync_state.apply_pulled_events([corrected, stranger], [], 41)
    assert (applied.changed, applied.orphaned, repo.sync_state.events_cursor()) == (1, ["e-2"], 41)
    stored = repo.events.with_uid(mine.uid)
    assert stored is not None and (stored.kind, stored.note) == ("out", "corrected by HR")
    assert repo.sync_state.apply_pulled_events([corrected], [], 42).changed == 0  # twice changes nothing
    assert repo.sync_state.apply_pulled_events([], [mine.uid], 43).changed == 1
    assert repo.events.with_uid(mine.uid) is None and repo.sync_state.events_cursor() == 43


def test_pulled_employees_replace_the_local_copy_unless_it_changed_meanwhile(repo):
    zhang = repo.employees.add("0012", "张伟", templates=[("front", np.full(128, 0.1, dtype=np.float32))])
    seen = repo.sync_state.employee_snapshot().mine
    server_row = {"uid": zhang.uid, **{name: seen[zhang.uid].row[name] for name in EMPLOYEE_FIELDS}}
    server_row["name"] = "张伟 (HR)"
    vector = np.full(128, 0.2, dtype=np.float32).tobytes()
    pulled = PulledEmployee(server_row, "server-fp", [("t-1", "front", vector, utc_text(AT))])
    stored = repo.sync_state.store_pulled_employees([pulled], seen)
    assert (stored.updated, stored.clashed) == (["0012"], [])
    snapshot = repo.sync_state.employee_snapshot()
    expected = employee_fingerprint(server_row, ["t-1"])
    assert snapshot.mine[zhang.uid].fingerprint == expected
    assert (snapshot.agreed[zhang.uid].local, snapshot.agreed[zhang.uid].server) == (expected, "server-fp")
    assert repo.sync_state.templates_to_send(zhang.id) == [("t-1", "front", vector, utc_text(AT))]
    # Re-enrolled here after the round read the local side: left for the next round to push.
    repo.templates.replace(zhang.id, [("front", np.full(128, 0.3, dtype=np.float32))])
    stale = repo.sync_state.store_pulled_employees([pulled], snapshot.mine)
    assert (stale.updated, stale.clashed) == ([], [])
    assert repo.sync_state.templates_to_send(zhang.id)[0][0] != "t-1"
    # Another employee of the server under a code held here is not copied.
    other = PulledEmployee({**server_row, "uid": "someone-else"}, "fp-2", [])
    assert repo.sync_state.store_pulled_employees([other], {}).clashed == ["0012"]


def test_pulled_settings_merge_what_is_stored_and_audit_each_change(repo):
    repo.settings.set("policy.cooldown_s", "60.0")
    seen: list[dict[str, str]] = []

    def merge(stored: dict[str, str]) -> SettingsUpdate:
        seen.append(stored)
        return SettingsUpdate({"policy.cooldown_s": "120.0"}, ["policy.gone"], ["cooldown_s: 60.0 -> 120.0"])

    changed = repo.sync_state.store_pulled_settings(
        {"admin_pin_hash": "h1"}, merged_prefix="policy.", merge=merge, actor="server", at_utc=utc_text(AT)
    )
    assert (changed, seen) == (3, [{"policy.cooldown_s": "60.0"}])
    assert repo.settings.get("policy.cooldown_s") == "120.0" and repo.settings.get("admin_pin_hash") == "h1"
    [entry] = [entry for entry in repo.audit.entries() if entry.action == "change_setting"]
    assert (entry.at_utc, entry.actor, entry.detail) == (AT, "server", "cooldown_s: 60.0 -> 120.0")
    unchanged = repo.sync_state.store_pulled_settings(
        {"admin_pin_hash": "h1"}, merged_prefix="policy.", merge=lambda _: SettingsUpdate(), actor="server", at_utc=""
    )
    assert unchanged == 0


def test_a_server_database_has_no_sync_state(hr):
    with pytest.raises(InputError, match="must be a file"):
        hr.sync_state.status()
