"""``kiosk doctor``: one line per check, exit code 1 when any fails, on a healthy and on a broken kiosk PC."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import kiosk.ops.doctor as doctor
from kiosk.cli.main import main
from kiosk.ops.backup import backup_database
from kiosk.ops.doctor import Check, CheckResult, CheckState, System, failed, run_checks
from kiosk.paths import key_path_for, settings_path_for
from kiosk.security.admin_gate import ADMIN_PIN_KEY
from kiosk.security.pins import PinStore
from kiosk.settings.files import save_settings
from kiosk.settings.specs import Settings
from kiosk.storage.location import DatabaseLocation
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC).astimezone()
"""After this version's release (a clock before it is suspect), and after the seeded check-ins."""


def _system(*, font: bool = True, service: str | None = "enabled", ntp: str = "yes",
            platform: str = "linux") -> System:
    """A pretend operating system: which commands exist and what they answer."""
    answers = {
        "fc-list": (0, "Noto Sans CJK SC,Noto Sans CJK SC Regular\nAR PL UMing CN\n" if font else ""),
        "systemctl": (0 if service == "enabled" else 1, f"{service}\n" if service else ""),
        "timedatectl": (0, f"{ntp}\n"),
    }
    present = {name for name in answers if name != "systemctl" or service is not None}

    def run(args: Sequence[str]) -> tuple[int, str]:
        return answers[args[0]]

    return System(platform=platform, which=lambda name: f"/usr/bin/{name}" if name in present else None, run=run)


def _camera_ok() -> CheckResult:
    return CheckResult(Check.CAMERA, CheckState.OK, "camera 0: read a 640×480 frame")


def _kiosk(folder: Path, *, backup: bool = True, now: datetime = NOW) -> Path:
    """A healthy kiosk's database: staff, check-ins before ``now``, an admin PIN (so a key), a backup."""
    db = folder / "office.sqlite"
    with Repository(db) as repo:
        employee = repo.employees.add("0012", "张伟")
        for day in range(3):
            repo.events.add(AttendanceEvent(None, employee.id, "in", now - timedelta(days=day, hours=1), 480, 0.3,
                                            True, "face", "kiosk-1"))
        repo.settings.set(ADMIN_PIN_KEY, PinStore(repo).hash("246813"))
    if backup:
        backup_database(db, folder / "backups", now=now - timedelta(hours=5))
    return db


def _states(results: list[CheckResult]) -> dict[Check, CheckState]:
    return {result.check: result.state for result in results}


def test_a_healthy_kiosk_passes_every_check(tmp_path: Path) -> None:
    db = _kiosk(tmp_path)
    results = run_checks(DatabaseLocation(db), Settings(disk_warning_mb=1), camera=_camera_ok,
                         now=lambda: NOW, system=_system())
    assert [result.check for result in results] == list(Check)
    assert _states(results) == dict.fromkeys(Check, CheckState.OK)
    assert not failed(results)
    messages = {result.check: result.message for result in results}
    assert messages[Check.DATABASE].startswith("integrity ok, schema ") and "3 check-ins, 1 staff" in messages[
        Check.DATABASE]
    assert messages[Check.KEY_FILE].startswith("private, 32 bytes, fingerprint ")
    assert messages[Check.CLOCK].endswith("not behind the newest check-in; synchronised")
    assert messages[Check.BACKUP].startswith("last good backup 5 h ago: ") and "(3 events)" in messages[Check.BACKUP]
    assert messages[Check.FONT] == "AR PL UMing CN, Noto Sans CJK SC"
    assert messages[Check.SERVICE] == "kiosk.service is enabled: it starts at boot"


@pytest.mark.expected_log("kiosk.ops")
def test_a_broken_kiosk_fails_each_check_with_what_to_do(tmp_path: Path) -> None:
    db = _kiosk(tmp_path, backup=False)
    key_path_for(db).unlink()  # the PINs need it
    with Repository(db) as repo:  # a check-in stamped by a clock that was right then; now it is 2000
        repo.events.add(AttendanceEvent(None, 1, "out", NOW, 480, 0.3, True, "face", "kiosk-1"))
    _damage_index(db)
    camera = lambda: CheckResult(Check.CAMERA, CheckState.FAIL, "no camera found at index 0")  # noqa: E731
    results = run_checks(DatabaseLocation(db), Settings(disk_warning_mb=1_000_000), camera=camera,
                         now=lambda: datetime(2000, 1, 1, 8, 0, tzinfo=UTC), system=_system(font=False,
                                                                                          service="disabled"))
    assert _states(results) == dict.fromkeys(Check, CheckState.FAIL)
    messages = {result.check: result.message for result in results}
    assert "damaged index events_time" in messages[Check.DATABASE]
    assert messages[Check.DATABASE].endswith("run kiosk doctor --repair")
    assert "PIN key file" in messages[Check.KEY_FILE] and "is missing" in messages[Check.KEY_FILE]
    assert messages[Check.DISK].startswith("low disk space: ") and "(warning below 1000000 MB)" in messages[Check.DISK]
    assert "it is earlier than a check-in already recorded" in messages[Check.CLOCK]
    assert messages[Check.BACKUP] == ("no backup yet: set a backup folder in Settings, "
                                      "or run kiosk backup --to DIR")
    assert messages[Check.FONT].startswith("no Chinese font") and "fonts-noto-cjk" in messages[Check.FONT]
    assert messages[Check.SERVICE] == ("kiosk.service is disabled: it does not start at boot; "
                                       "sudo systemctl enable kiosk.service")


def _damage_index(db: Path) -> None:
    """One changed byte in an event's time, in the table's page: its indexes no longer match (quick_check passes)."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        [(at,)] = conn.execute("SELECT at_utc FROM events WHERE id = 2").fetchall()
        pages = [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = 'events'")]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db.read_bytes())
    offset = next(found for page in pages if (found := data.find(at.encode(), (page - 1) * size, page * size)) > 0)
    data[offset + 3] = ord("5")  # a year earlier: the clock check is not disturbed
    db.write_bytes(bytes(data))


@pytest.mark.expected_log("kiosk.ops")
def test_repair_rebuilds_a_damaged_index_and_makes_the_key_private(tmp_path: Path) -> None:
    db = _kiosk(tmp_path)
    _damage_index(db)
    os.chmod(key_path_for(db), 0o644)
    location = DatabaseLocation(db)
    before = run_checks(location, Settings(), camera=_camera_ok, now=lambda: NOW, system=_system())
    assert _states(before)[Check.DATABASE] is CheckState.FAIL and _states(before)[Check.KEY_FILE] is CheckState.FAIL
    assert "readable by other users (mode 644)" in before[2].message
    repaired = run_checks(location, Settings(), camera=_camera_ok, repair=True, now=lambda: NOW, system=_system())
    assert _states(repaired)[Check.DATABASE] is CheckState.OK
    assert repaired[1].message.startswith("rebuilt the damaged index events_time, events_employee_time from its table")
    assert "; integrity ok, schema " in repaired[1].message
    assert repaired[2].message.startswith("made private; private, 32 bytes")
    assert stat.S_IMODE(key_path_for(db).stat().st_mode) == 0o600
    again = run_checks(location, Settings(), camera=_camera_ok, now=lambda: NOW, system=_system())
    assert not failed(again)


def test_what_is_not_there_to_check_is_said_so(tmp_path: Path) -> None:
    db = _kiosk(tmp_path)
    results = run_checks(DatabaseLocation(db), Settings(), camera=None, now=lambda: NOW,
                         system=_system(service=None, platform="win32", ntp="no"))
    by_check = {result.check: result for result in results}
    assert by_check[Check.CAMERA] == CheckResult(Check.CAMERA, CheckState.SKIPPED, "no camera on this machine")
    assert by_check[Check.FONT] == CheckResult(Check.FONT, CheckState.SKIPPED,
                                               "not checked on this system (it brings its own)")
    assert by_check[Check.SERVICE] == CheckResult(Check.SERVICE, CheckState.WARN,
                                                  "not installed as a service (no systemctl here)")
    assert by_check[Check.CLOCK].state is CheckState.OK  # timedatectl is not asked off Linux
    linux = run_checks(DatabaseLocation(db), Settings(), camera=None, now=lambda: NOW,
                       system=_system(service="", ntp="no"))
    assert {r.check: r for r in linux}[Check.SERVICE].message == "not installed as a service"
    assert {r.check: r for r in linux}[Check.CLOCK].state is CheckState.WARN
    assert not failed(linux)


def test_an_old_backup_and_a_missing_backup_folder_fail(tmp_path: Path) -> None:
    db = _kiosk(tmp_path)
    settings = Settings(backup_folder=str(tmp_path / "unplugged-usb"))
    [result] = [r for r in run_checks(DatabaseLocation(db), settings, camera=None, now=lambda: NOW + timedelta(days=3),
                                      system=_system()) if r.check is Check.BACKUP]
    assert result.state is CheckState.FAIL
    assert result.message.startswith("last good backup 3 days ago: ")
    assert result.message.endswith(f"; the backup folder {tmp_path / 'unplugged-usb'} is not there; "
                                   "older than 2 days")


def _fake_system(monkeypatch: pytest.MonkeyPatch, **answers: object) -> None:
    monkeypatch.setattr(doctor, "System", lambda: _system(**answers))  # type: ignore[arg-type]


def test_kiosk_doctor_prints_one_line_per_check_and_exits_1_when_one_fails(
    tmp_path: Path, faces: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    db = _kiosk(tmp_path, now=datetime.now().astimezone())  # the command reads the real clock
    save_settings(Settings(disk_warning_mb=1), settings_path_for(db))
    _fake_system(monkeypatch)
    video = faces / "video" / "blink-0012.mp4"
    assert main(["doctor", "--db", str(db), "--camera", str(video)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["ok"] * 8
    assert lines[0] == f"ok          camera        video {video}: read a 640×480 frame"
    assert lines[1].startswith("ok          database      integrity ok, schema ")
    # A broken one: the camera is unplugged.
    assert main(["doctor", "--db", str(db), "--camera", str(tmp_path / "unplugged.mp4"), "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False
    assert payload["checks"][0] == {"check": "camera", "state": "fail",
                                    "message": f"video not found: {tmp_path / 'unplugged.mp4'}"}
    assert [check["state"] for check in payload["checks"][1:]] == ["ok"] * 7
    assert " INFO kiosk.ops: doctor: camera: video not found" in (tmp_path / "office.log").read_text()


def test_kiosk_doctor_on_a_missing_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _fake_system(monkeypatch)
    assert main(["doctor", "--db", str(tmp_path / "none.sqlite"), "--camera", str(tmp_path / "none.mp4")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == f"fail        database      database not found: {tmp_path / 'none.sqlite'}"
    assert lines[2] == "not checked key file      no database to check it against"
    assert not (tmp_path / "none.sqlite").exists()
