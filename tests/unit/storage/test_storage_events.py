"""Attendance events and the manual corrections an admin can make to them."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from clocks import CHINA

from kiosk.errors import InputError
from kiosk.storage.models import AttendanceEvent


def _event(employee_id: int, at: datetime, kind: str = "in", **changes) -> AttendanceEvent:
    event = AttendanceEvent(
        id=None,
        employee_id=employee_id,
        kind=kind,
        at_utc=at.astimezone(UTC),
        utc_offset_minutes=480,
        distance=0.41,
        live=True,
        source="face",
        device_id="door-1",
    )
    return replace(event, **changes)


def _count(db_path, table: str = "events") -> int:
    raw = sqlite3.connect(str(db_path))
    count = raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    raw.close()
    return count


def test_add_event_writes_exactly_one_row(repo, employee, db_path):
    stored = repo.events.add(_event(employee.id, datetime(2024, 5, 6, 8, 55, tzinfo=CHINA)))
    assert stored.id == 1 and _count(db_path) == 1
    assert stored.at_utc == datetime(2024, 5, 6, 0, 55, tzinfo=UTC)
    assert stored.at_utc.tzinfo == UTC
    assert stored.at_local.isoformat() == "2024-05-06T08:55:00+08:00"
    assert repo.events.last_for(employee.id) == stored


def test_local_day_comes_from_stored_offset(repo, employee):
    # 16:30 UTC on the 6th is 00:30 on the 7th in China.
    stored = repo.events.add(_event(employee.id, datetime(2024, 5, 6, 16, 30, tzinfo=UTC)))
    assert stored.local_day == date(2024, 5, 7)
    assert stored.at_utc.date() == date(2024, 5, 6)


def test_last_event_is_latest_by_time_not_insertion(repo, employee):
    later = repo.events.add(_event(employee.id, datetime(2024, 5, 6, 18, 0, tzinfo=CHINA), "out"))
    repo.events.add(_event(employee.id, datetime(2024, 5, 6, 9, 0, tzinfo=CHINA)))
    assert repo.events.last_for(employee.id) == later
    assert repo.events.last_for(employee.id + 1) is None


def test_events_between_is_half_open_ordered_and_filtered(repo, employee):
    other = repo.employees.add("E002", "李娜")
    base = datetime(2024, 5, 6, 9, 0, tzinfo=CHINA)
    stored = [
        repo.events.add(_event(employee.id, base + timedelta(hours=2), "out")),
        repo.events.add(_event(other.id, base + timedelta(hours=1))),
        repo.events.add(_event(employee.id, base)),
    ]
    everything = repo.events.between(base, base + timedelta(hours=3))
    assert [e.id for e in everything] == [stored[2].id, stored[1].id, stored[0].id]
    assert repo.events.between(base, base + timedelta(hours=2)) == [stored[2], stored[1]]
    assert repo.events.between(base, base + timedelta(hours=3), employee.id) == [stored[2], stored[0]]
    with pytest.raises(InputError, match="before it starts"):
        repo.events.between(base, base - timedelta(seconds=1))


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"kind": "lunch"}, "type"),
        ({"source": "guess"}, "source"),
        ({"at_utc": datetime(2024, 5, 6, 9)}, "time zone"),
        ({"utc_offset_minutes": 15 * 60}, "offset"),
        ({"distance": float("nan")}, "distance"),
        ({"id": 5}, "already stored"),
        ({"employee_id": 99}, "no employee"),
    ],
)
def test_invalid_events_are_refused_and_nothing_written(repo, employee, db_path, changes, message):
    event = replace(_event(employee.id, datetime(2024, 5, 6, 9, 0, tzinfo=CHINA)), **changes)
    with pytest.raises(InputError, match=message):
        repo.events.add(event)
    assert _count(db_path) == 0


def test_manual_event_needs_a_reason_and_is_audited(repo, employee, db_path):
    at = datetime(2024, 5, 6, 18, 5, tzinfo=CHINA)
    with pytest.raises(InputError, match="reason"):
        repo.events.add_manual(employee.id, "out", at, 480, reason="  ")
    assert _count(db_path) == 0
    stored = repo.events.add_manual(employee.id, "out", at, 480, reason="forgot to check out", actor="alice")
    assert (stored.source, stored.live, stored.distance, stored.device_id) == ("manual", False, None, "admin")
    assert stored.note == "forgot to check out"
    assert repo.events.last_for(employee.id) == stored
    entry = repo.audit.entries()[0]
    assert (entry.actor, entry.action) == ("alice", "add_event")
    assert "E001 out at 2024-05-06 18:05:00+08:00" in entry.detail and "forgot to check out" in entry.detail
    assert _count(db_path, "audit_log") == 2


def test_update_event_changes_kind_and_time_and_audits(repo, employee):
    original = repo.events.add(_event(employee.id, datetime(2024, 5, 6, 9, 0, tzinfo=CHINA), "out"))
    new_time = datetime(2024, 5, 6, 8, 50, tzinfo=CHINA)
    updated = repo.events.update(original.id, kind="in", at_utc=new_time, reason="scanned wrong way", actor="bob")
    assert updated.kind == "in" and updated.at_utc == new_time and updated.note == "scanned wrong way"
    assert (updated.source, updated.distance) == ("face", 0.41)
    assert repo.events.last_for(employee.id) == updated
    entry = repo.audit.entries()[0]
    assert (entry.actor, entry.action) == ("bob", "update_event")
    assert "out at 2024-05-06 09:00:00+08:00 -> E001 in at 2024-05-06 08:50:00+08:00" in entry.detail


def test_update_event_refusals_change_nothing(repo, employee):
    original = repo.events.add(_event(employee.id, datetime(2024, 5, 6, 9, 0, tzinfo=CHINA)))
    audit_before = repo.audit.entries()
    with pytest.raises(InputError, match="reason"):
        repo.events.update(original.id, kind="out", reason="")
    with pytest.raises(InputError, match="Nothing to change"):
        repo.events.update(original.id, reason="why not")
    with pytest.raises(InputError, match="type"):
        repo.events.update(original.id, kind="sideways", reason="typo")
    with pytest.raises(InputError, match="no event with id 99"):
        repo.events.update(99, kind="out", reason="typo")
    assert repo.events.last_for(employee.id) == original
    assert repo.audit.entries() == audit_before


def test_delete_event_needs_reason_and_audits(repo, employee, db_path):
    original = repo.events.add(_event(employee.id, datetime(2024, 5, 6, 9, 0, tzinfo=CHINA)))
    with pytest.raises(InputError, match="reason"):
        repo.events.delete(original.id, reason="")
    assert _count(db_path) == 1
    repo.events.delete(original.id, reason="colleague's face", actor="alice")
    assert _count(db_path) == 0
    entry = repo.audit.entries()[0]
    assert (entry.actor, entry.action) == ("alice", "delete_event")
    assert "E001 in at 2024-05-06 09:00:00+08:00 (face)" in entry.detail and "colleague's face" in entry.detail
    with pytest.raises(InputError, match="no event"):
        repo.events.delete(original.id, reason="again")
