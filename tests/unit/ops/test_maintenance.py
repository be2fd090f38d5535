"""The kiosk's daily care: a backup a day to the settings' folder, a full integrity check a day, what admins see."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from clocks import CHINA, FakeClock

from kiosk.ops.backup import backups_in
from kiosk.ops.maintenance import DailyMaintenance
from kiosk.settings.specs import Settings
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository


@pytest.fixture
def office(tmp_path: Path) -> Path:
    db = tmp_path / "office.sqlite"
    with Repository(db) as repo:
        employee = repo.employees.add("0012", "张伟")
        repo.events.add(AttendanceEvent(None, employee.id, "in", datetime(2026, 12, 1, 1, 0, tzinfo=UTC), 480, 0.3,
                                        True, "face", "kiosk-1"))
    return db


def test_one_backup_a_day_to_the_folder_in_settings(tmp_path: Path, office: Path) -> None:
    clock = FakeClock(datetime(2026, 12, 8, 2, 0, tzinfo=CHINA))
    (tmp_path / "usb").mkdir()
    settings = Settings(backup_folder=str(tmp_path / "usb"), backup_keep=2)
    daily = DailyMaintenance(office, lambda: settings, clock)
    first = daily.run_due()
    assert [p.name for p in backups_in(tmp_path / "usb", office)] == ["office-20261208-020000.sqlite"]
    assert first.last_backup is not None and first.last_backup.events == 1
    assert first.integrity is not None and first.integrity.ok  # the backup's check counts as the day's
    assert not first.backup_overdue and first.backup_error is None
    clock.advance(hours=23)
    daily.run_due()
    assert len(backups_in(tmp_path / "usb", office)) == 1  # not yet a day
    for _ in range(3):
        clock.advance(hours=1, minutes=1)
        daily.run_due()
    assert [p.name for p in backups_in(tmp_path / "usb", office)] == ["office-20261208-020000.sqlite",
                                                                      "office-20261209-020100.sqlite"]
    clock.advance(days=1)
    daily.run_due()
    assert [p.name for p in backups_in(tmp_path / "usb", office)] == ["office-20261209-020100.sqlite",
                                                                      "office-20261210-040300.sqlite"]


@pytest.mark.expected_log("kiosk.ops", "daily backup")
def test_a_failing_backup_is_retried_within_the_hour_and_warned_about_after_two_days(tmp_path: Path,
                                                                                      office: Path) -> None:
    clock = FakeClock(datetime(2026, 12, 8, 2, 0, tzinfo=CHINA))
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the stick's folder should be")
    settings = Settings(backup_folder=str(blocked))
    daily = DailyMaintenance(office, lambda: settings, clock)
    status = daily.run_due()
    assert "is a file, not a folder; choose another backup folder" in (status.backup_error or "")
    assert status.last_backup is None and status.backup_overdue
    assert status.integrity is not None and status.integrity.ok  # checked anyway
    blocked.unlink()
    clock.advance(minutes=61)
    unplugged = daily.run_due()  # retried: the folder is not there, and is not made on the kiosk's disk
    assert "is not there; plug in the USB stick" in (unplugged.backup_error or "") and not blocked.exists()
    blocked.mkdir()  # the stick is back
    clock.advance(minutes=30)
    assert daily.run_due().last_backup is None  # not retried yet
    clock.advance(minutes=31)
    retried = daily.run_due()
    assert retried.last_backup is not None and retried.backup_error is None and not retried.backup_overdue
    # Then the stick goes: two days later admins are warned.
    settings = Settings(backup_folder="")
    clock.advance(days=2, minutes=1)
    late = daily.run_due()
    assert late.backup_overdue and late.backup_folder == ""


@pytest.mark.expected_log("kiosk.ops", "integrity check")
def test_a_damaged_index_found_by_the_daily_check(tmp_path: Path, office: Path) -> None:
    import sqlite3

    clock = FakeClock(datetime(2026, 12, 8, 2, 0, tzinfo=CHINA))
    daily = DailyMaintenance(office, Settings, clock)
    assert daily.run_due().damaged_indexes == ()
    with sqlite3.connect(office) as conn:  # an index entry that lies about its row
        conn.execute("PRAGMA writable_schema=ON")
        conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX events_time ON events(kind)' "
                     "WHERE name = 'events_time'")
    clock.advance(hours=12)
    assert daily.run_due().damaged_indexes == ()  # checked once a day
    clock.advance(hours=12)
    status = daily.run_due()
    assert status.damaged_indexes == ("events_time",) and not status.damaged
