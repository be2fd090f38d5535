"""Opening, migrating, locking and corruption handling of the SQLite file."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from clocks import CHINA

from kiosk.errors import StorageError
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository
from kiosk.storage.schema import SCHEMA_VERSION

TABLES = {
    "employees", "templates", "events", "audit_log", "settings",
    "event_removals", "sync_pushed_events", "sync_employees",  # schema 4: sync (kiosk.sync)
    "shifts", "shift_assignments", "calendar_overrides", "leaves",  # schema 5: payroll
    "doors", "reenrollment_requests", "reenrollment_templates",  # schema 6: doors (kiosk.storage.doors)
}  # fmt: skip


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(str(path), isolation_level=None)


def _event(employee_id: int) -> AttendanceEvent:
    return AttendanceEvent(
        id=None,
        employee_id=employee_id,
        kind="in",
        at_utc=datetime(2024, 5, 6, 1, 0, tzinfo=UTC),
        utc_offset_minutes=480,
        distance=0.35,
        live=True,
        source="face",
        device_id="kiosk-1",
    )


def test_new_database_is_wal_and_fully_migrated(repo, db_path):
    raw = _raw(db_path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == TABLES
    raw.close()


def test_foreign_keys_are_enforced_on_the_connection(repo, employee):
    # Reaches inside on purpose: the public API checks ids itself, so only raw SQL shows the pragma.
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        repo._tx.db.execute(
            "INSERT INTO templates (employee_id, angle, vector, created_at) VALUES (999, 'front', zeroblob(512), 'x')"
        )


def test_reopen_is_idempotent_and_keeps_data(db_path, clock):
    with Repository(db_path, clock=clock) as first:
        first.employees.add("E001", "张伟")
    raw = _raw(db_path)
    schema_before = raw.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    raw.close()
    for _ in range(2):
        with Repository(db_path, clock=clock) as again:
            assert [e.code for e in again.employees.all()] == ["E001"]
    raw = _raw(db_path)
    assert raw.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema_before
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert raw.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 1
    raw.close()


@pytest.mark.parametrize(
    "content",
    [os.urandom(4096), b"employee,name\nE001,Zhang Wei\n" * 50],
    ids=["random-bytes", "text-file"],
)
def test_corrupt_file_raises_storage_error_and_is_left_untouched(tmp_path, content):
    path = tmp_path / "kiosk.db"
    path.write_bytes(content)
    with pytest.raises(StorageError) as caught:
        Repository(path, busy_timeout_s=0.2)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message and "backup" in message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.db"]


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    raw = _raw(path)
    raw.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    raw.close()
    with pytest.raises(StorageError, match="not a kiosk database"):
        Repository(path)


def test_database_from_newer_kiosk_is_refused(db_path):
    Repository(db_path).close()
    raw = _raw(db_path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(StorageError, match="newer kiosk"):
        Repository(db_path)


def test_missing_folder_is_reported(tmp_path):
    with pytest.raises(StorageError, match="does not exist"):
        Repository(tmp_path / "nope" / "kiosk.db")


def test_open_while_another_program_holds_an_exclusive_lock(db_path):
    holder = _raw(db_path)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE scratch (x)")
    try:
        with pytest.raises(StorageError, match="locked") as caught:
            Repository(db_path, busy_timeout_s=0.1)
        assert "try again" in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Repository(db_path) as repo:
        assert repo.employees.all() == []


def test_write_hitting_a_lock_raises_storage_error_and_writes_nothing(repo, employee, db_path):
    holder = _raw(db_path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="locked"):
            repo.events.add(_event(employee.id))
        with pytest.raises(StorageError, match="locked"):
            repo.employees.add("E002", "李娜")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert repo.events.last_for(employee.id) is None
    assert repo.employees.find("E002") is None
    # The connection is usable again once the lock is gone.
    stored = repo.events.add(_event(employee.id))
    assert repo.events.last_for(employee.id) == stored


def test_add_event_is_committed_before_it_returns(repo, employee, db_path):
    stored = repo.events.add(_event(employee.id))
    raw = _raw(db_path)
    rows = raw.execute("SELECT id, kind, at_utc, utc_offset_minutes FROM events").fetchall()
    raw.close()
    assert rows == [(stored.id, "in", "2024-05-06T01:00:00.000000+00:00", 480)]


def test_failed_write_rolls_back_everything(repo):
    # The audit entry is refused (empty actor) after the employee row was inserted.
    with pytest.raises(Exception, match="actor"):
        repo.employees.add("E009", "王芳", actor=" ")
    assert repo.employees.find("E009") is None
    assert repo.audit.entries() == []


def test_clock_must_be_timezone_aware_for_times(repo, employee):
    naive = _event(employee.id)
    with pytest.raises(Exception, match="time zone"):
        repo.events.add(AttendanceEvent(**{**naive.__dict__, "at_utc": datetime(2024, 5, 6, 9)}))
    assert repo.events.between(
        datetime(2024, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=CHINA)
    ) == []
