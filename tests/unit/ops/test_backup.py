"""Backups while the kiosk writes, keeping the last N, restoring one, and refusing a bad one."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.errors import InputError, StorageError
from kiosk.ops.backup import (
    BACKUP_RECORD_KEY,
    backup_database,
    backups_in,
    last_backup,
    overdue,
    pg_dump_command,
    restore_database,
    verify_backup,
)
from kiosk.ops.window_lock import hold_window_lock
from kiosk.paths import key_path_for, settings_path_for
from kiosk.security.keyfile import create_key
from kiosk.settings.files import save_settings
from kiosk.settings.specs import Settings
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository
from kiosk.storage.schema import SCHEMA_VERSION

TESTS = Path(__file__).resolve().parents[2]
RELIABILITY = TESTS / "reliability"
LOCAL = datetime(2026, 11, 23, 8, 55, tzinfo=UTC).astimezone()
WRITER_WAIT_S = 60.0
"""Longest wait for the check-in process to reach a count; only a broken process takes this long."""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _office(path: Path, events: int = 30) -> Path:
    """A kiosk database with three employees and ``events`` check-ins, a PIN key and a settings file beside it."""
    with Repository(path) as repo:
        ids = [repo.employees.add(code, f"P{code}").id for code in ("0012", "0031", "0044")]
        start = datetime(2026, 11, 2, 0, 55, tzinfo=UTC)
        for n in range(events):
            repo.events.add(AttendanceEvent(None, ids[n % 3], "in" if n % 2 == 0 else "out",
                                            start + timedelta(minutes=7 * n), 480, 0.3, True, "face", "kiosk-1"))
    create_key(key_path_for(path))
    save_settings(Settings(device_id="door-north"), settings_path_for(path))
    return path


def _ids(db: Path) -> set[int]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM events")}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _lines(path: Path) -> list[int]:
    return [int(line) for line in path.read_text().split()] if path.exists() else []


def _wait_for(out: Path, count: int, writer: subprocess.Popen) -> None:
    deadline = time.monotonic() + WRITER_WAIT_S
    while len(_lines(out)) < count:
        assert writer.poll() is None, f"the check-in process ended: {writer.stderr.read() if writer.stderr else ''}"
        assert time.monotonic() < deadline, "the check-in process made no progress"
        time.sleep(0.01)


def test_a_backup_taken_while_another_process_checks_people_in_holds_every_event_committed_before_it(
    tmp_path: Path,
) -> None:
    db = _office(tmp_path / "office.sqlite", events=0)
    out = tmp_path / "committed.txt"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(RELIABILITY), str(TESTS)]), "OPENBLAS_NUM_THREADS": "1"}
    # A real second process writes check-ins through the real rules and names each one after its commit
    # (tests/reliability/crash_workload.py), as the kiosk would while the backup runs.
    writer = subprocess.Popen(
        [sys.executable, "-c", "import sys, crash_workload; from pathlib import Path; "
         "crash_workload.check_in_forever(Path(sys.argv[1]), Path(sys.argv[2]))", str(db), str(out)],
        env=env, stderr=subprocess.PIPE, text=True,
    )
    backups = []
    try:
        _wait_for(out, 20, writer)
        for _ in range(5):
            committed = _lines(out)  # every id here was committed before the backup started
            result = backup_database(db, tmp_path / "backups", keep=10)
            backups.append((committed, result))
            _wait_for(out, len(_lines(out)) + 5, writer)  # the writer went on during and after it
    finally:
        writer.kill()
        writer.wait()
    for committed, result in backups:
        stored = _ids(result.path)
        assert set(committed) <= stored
        assert stored == set(range(1, max(stored) + 1)), "a backup is one moment: no later event without the earlier"
        assert result.events == len(stored)
        assert _mode(result.path) == 0o600
        with sqlite3.connect(result.path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file, no WAL to forget
    assert len(_lines(out)) > len(backups[-1][0])
    assert not any(path.name.endswith(("-wal", "-shm", ".tmp")) for path in (tmp_path / "backups").iterdir())


def test_the_key_and_settings_travel_with_the_backup_privately_and_the_last_n_are_kept(tmp_path: Path) -> None:
    db = _office(tmp_path / "office.sqlite")
    folder = tmp_path / "usb"
    backup_database(db, folder, keep=2, now=LOCAL - timedelta(days=30))  # makes the folder, private
    assert _mode(folder) == 0o700
    (folder / "notes").mkdir()
    (folder / "office-notes.sqlite").write_text("someone else's file")
    results = [backup_database(db, folder, keep=2, now=LOCAL + timedelta(days=day)) for day in range(4)]
    assert results[0].path == folder / "office-20261123-085500.sqlite"
    assert results[0].companions == (folder / "office-20261123-085500.sqlite.key",
                                     folder / "office-20261123-085500.settings.json")
    assert [path.name for path in backups_in(folder, db)] == ["office-20261125-085500.sqlite",
                                                               "office-20261126-085500.sqlite"]
    assert results[0].removed == () and results[1].removed == (folder / "office-20261024-085500.sqlite",)
    assert results[2].removed == (results[0].path,) and results[3].removed == (results[1].path,)
    assert sorted(p.name for p in folder.iterdir()) == [
        "notes", "office-20261125-085500.settings.json", "office-20261125-085500.sqlite",
        "office-20261125-085500.sqlite.key", "office-20261126-085500.settings.json", "office-20261126-085500.sqlite",
        "office-20261126-085500.sqlite.key", "office-notes.sqlite",
    ]
    for path in folder.iterdir():
        if path.name.startswith("office-2026"):
            assert _mode(path) == 0o600, path
    latest = results[-1]
    assert key_path_for(latest.path).read_bytes() == key_path_for(db).read_bytes()
    assert json.loads(settings_path_for(latest.path).read_text())["device_id"] == "door-north"
    # The database notes its last good backup, for kiosk doctor and the admins' warning.
    record = last_backup(db)
    assert record is not None and record.file == str(latest.path) and record.events == 30
    assert record.at == (LOCAL + timedelta(days=3)).astimezone(UTC)
    assert not overdue(record, LOCAL + timedelta(days=5)) and overdue(record, LOCAL + timedelta(days=5, minutes=1))
    # Two backups in the same second do not overwrite each other.
    twin = backup_database(db, folder, keep=5, now=LOCAL + timedelta(days=3))
    assert twin.path.name == "office-20261126-085500-2.sqlite"


@pytest.mark.expected_log("kiosk.ops", "damaged indexes")
def test_a_damaged_index_is_rebuilt_in_the_copy_and_reported(tmp_path: Path) -> None:
    db = _office(tmp_path / "office.sqlite")
    _damage_index(db)
    before = _digest(db)
    result = backup_database(db, tmp_path / "backups")
    assert result.repaired_indexes == ("events_time", "events_employee_time")
    with sqlite3.connect(result.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert _digest(db) == before  # the database itself is kiosk doctor --repair's to fix


def _damage_index(db: Path) -> None:
    """Change one byte of an event's time in the table's own page, so the two indexes on that time no longer
    match it (what quick_check cannot see: issue 18's "a single changed byte in an event row")."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        [(at,)] = conn.execute("SELECT at_utc FROM events WHERE id = 5").fetchall()
        pages = [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = 'events'")]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db.read_bytes())
    offset = next(found for page in pages
                  if (found := data.find(at.encode(), (page - 1) * size, page * size)) > 0)
    data[offset + 3] = ord("9")  # 2026 -> 2029
    db.write_bytes(bytes(data))
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]


@pytest.mark.expected_log("kiosk.ops", "integrity check")
def test_a_damaged_database_is_not_backed_up_and_leaves_nothing(tmp_path: Path) -> None:
    db = _office(tmp_path / "office.sqlite", events=600)
    _damage_table(db)
    with pytest.raises(StorageError, match=r"is damaged .*no backup was written"):
        backup_database(db, tmp_path / "backups")
    assert list((tmp_path / "backups").iterdir()) == []
    assert last_backup(db) is None


def _damage_table(db: Path) -> None:
    """Overwrite a leaf page of the events table in the middle of the file with garbage."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        page = conn.execute("SELECT max(pageno) FROM dbstat WHERE name = 'events' AND pagetype = 'leaf'")
        [(leaf,)] = page.fetchall()
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db.read_bytes())
    data[(leaf - 1) * size + 1:(leaf - 1) * size + 40] = b"\xff" * 39
    db.write_bytes(bytes(data))


def test_restore_round_trip_keeps_a_safety_copy_and_brings_the_key_back(tmp_path: Path) -> None:
    db = _office(tmp_path / "office.sqlite")
    backup = backup_database(db, tmp_path / "backups", now=LOCAL).path
    key = key_path_for(db).read_bytes()
    # Later: more check-ins, a lost key file, changed settings.
    with Repository(db) as repo:
        repo.events.add(AttendanceEvent(None, 1, "in", datetime(2026, 11, 24, 1, 0, tzinfo=UTC), 480, 0.3, True,
                                        "face", "kiosk-1"))
    key_path_for(db).unlink()
    save_settings(Settings(device_id="changed"), settings_path_for(db))
    result = restore_database(backup, db, now=LOCAL + timedelta(days=1), actor="cli:tester")
    assert result.info.events == 30 and result.info.schema_version == SCHEMA_VERSION
    assert result.key_restored and result.settings_restored
    assert _ids(db) == set(range(1, 31))
    assert key_path_for(db).read_bytes() == key and _mode(key_path_for(db)) == 0o600
    assert json.loads(settings_path_for(db).read_text())["device_id"] == "door-north"
    assert result.safety_copy == tmp_path / "office-before-restore-20261124-085500.sqlite"
    assert _ids(result.safety_copy) == set(range(1, 32))  # the database as it was, with the later check-in
    assert json.loads(settings_path_for(result.safety_copy).read_text())["device_id"] == "changed"
    assert _mode(result.safety_copy) == 0o600
    with Repository(db) as repo:
        [entry] = [e for e in repo.audit.entries() if e.action == "restore"]
        assert entry.actor == "cli:tester" and str(backup) in entry.detail and "before-restore" in entry.detail
        assert repo.settings.get(BACKUP_RECORD_KEY) is not None


def test_restore_works_on_a_database_another_connection_holds_open_in_wal_mode(tmp_path: Path) -> None:
    db = _office(tmp_path / "office.sqlite")
    backup = backup_database(db, tmp_path / "backups").path
    with Repository(db) as repo:  # e.g. a reporting tool, not a kiosk window
        repo.events.add(AttendanceEvent(None, 1, "in", datetime(2026, 11, 24, 1, 0, tzinfo=UTC), 480, 0.3, True,
                                        "face", "kiosk-1"))
        assert (tmp_path / "office.sqlite-wal").exists()
        restore_database(backup, db)
        assert len(repo.events.between(datetime(2020, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC))) == 30
    assert _ids(db) == set(range(1, 31))


@pytest.mark.expected_log("kiosk.ops", "SQLite cannot read it")
@pytest.mark.expected_log("kiosk.ops", "as a file")
def test_a_restore_into_a_missing_or_unreadable_database_replaces_the_file(tmp_path: Path) -> None:
    db = _office(tmp_path / "office.sqlite")
    backup = backup_database(db, tmp_path / "backups").path
    fresh = tmp_path / "new-pc" / "office.sqlite"
    assert restore_database(backup, fresh).safety_copy is None
    assert _ids(fresh) == set(range(1, 31)) and _mode(fresh) == 0o600
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 500)
    result = restore_database(backup, garbage)
    assert _ids(garbage) == set(range(1, 31))
    assert result.safety_copy is not None and result.safety_copy.read_bytes() == b"not a database at all" * 500


@pytest.mark.parametrize(
    ("spoil", "needle"),
    [
        (lambda path: path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2]), "is damaged"),
        (lambda path: path.write_bytes(b"hello" * 1000), "is not an SQLite database"),
        (lambda path: _set_version(path, SCHEMA_VERSION + 1), "was written by a newer kiosk"),
        (lambda path: _foreign(path), "is not a kiosk database"),
    ],
    ids=["truncated", "not-sqlite", "newer", "foreign"],
)
def test_a_bad_backup_is_refused_with_one_line_and_nothing_changes(tmp_path: Path, spoil, needle) -> None:
    db = _office(tmp_path / "office.sqlite")
    backup = backup_database(db, tmp_path / "backups").path
    spoil(backup)
    before = sorted(p.name for p in tmp_path.iterdir())
    digest = _digest(db)
    with pytest.raises(StorageError, match=needle) as refused:
        restore_database(backup, db)
    assert "\n" not in str(refused.value)
    assert _digest(db) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # not even a safety copy


def _set_version(path: Path, version: int) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {version}")


def _foreign(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")


def test_restore_is_refused_while_a_kiosk_window_has_the_database(tmp_path: Path) -> None:
    db = _office(tmp_path / "office.sqlite")
    backup = backup_database(db, tmp_path / "backups").path
    digest = _digest(db)
    with hold_window_lock(db), pytest.raises(StorageError, match="Stop the kiosk"):
        restore_database(backup, db)
    assert _digest(db) == digest


def test_verify_and_restore_refuse_what_is_not_a_backup(tmp_path: Path) -> None:
    db = _office(tmp_path / "office.sqlite")
    with pytest.raises(InputError, match="backup not found"):
        verify_backup(tmp_path / "missing.sqlite")
    with pytest.raises(InputError, match="is the database itself"):
        restore_database(db, db)


def test_kiosk_backup_and_restore_on_the_command_line(tmp_path: Path, capsys) -> None:
    db = _office(tmp_path / "office.sqlite")
    assert main(["backup", "--db", str(db), "--to", str(tmp_path / "usb"), "--keep", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    [backup] = backups_in(tmp_path / "usb", db)
    assert out[0] == f"backup: {backup} (30 events, {backup.stat().st_size / 1e6:.1f} MB, integrity ok)"
    assert out[1] == "beside it: its PIN key and settings (private, 0600)"
    assert main(["restore", "--db", str(db), str(backup), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["events"] == 30 and payload["key_restored"] and payload["safety_copy"].endswith(".sqlite")


def test_kiosk_backup_of_a_server_says_to_use_pg_dump(tmp_path: Path, capsys) -> None:
    url = "postgresql://hr_wang:secret@db.example:5432/kiosk?sslmode=verify-full"
    code = main(["backup", "--db", url, "--to", str(tmp_path / "dumps")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "is a PostgreSQL server: back it up with PostgreSQL's own tool, e.g. pg_dump --format=custom" in err
    assert "secret" not in err and not (tmp_path / "dumps").exists()
    command = pg_dump_command(url, tmp_path / "dumps", LOCAL)
    assert command == (f"pg_dump --format=custom --file={tmp_path}/dumps/kiosk-20261123-085500.dump "
                       "'postgresql://hr_wang@db.example:5432/kiosk?sslmode=verify-full'")
