"""Salvage: every row SQLite can still read of a damaged file, in a fresh kiosk database, and a report of the rest."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import sqlite3
import stat
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.errors import InputError, StorageError
from kiosk.ops.salvage import salvage
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository
from kiosk.storage.schema import SCHEMA_VERSION

EVENTS = 6000
"""Enough check-ins for the events table to span well over a hundred pages."""

TABLES = ("employees", "events", "audit_log", "settings")


@pytest.fixture(scope="module")
def full_office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One office database of :data:`EVENTS` check-ins for the module (each test copies it)."""
    return _office(tmp_path_factory.mktemp("salvage") / "office.sqlite")


def _copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def _office(path: Path, events: int = EVENTS) -> Path:
    with Repository(path) as repo:
        ids = [repo.employees.add(f"{n:04d}", f"员工{n}", "生产部").id for n in range(20)]
        start = datetime(2026, 1, 5, 0, 55, tzinfo=UTC)
        for n in range(events):
            repo.events.add(AttendanceEvent(None, ids[n % 20], "in" if n % 2 == 0 else "out",
                                            start + timedelta(minutes=n), 480, 0.3, True, "face", "kiosk-1"))
    with sqlite3.connect(path) as conn:  # everything in the main file, as after a clean shutdown
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _truncated(source: Path, target: Path, fraction: float) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * fraction) // 4096 * 4096])
    return target


def _rows(db: Path, table: str) -> set[tuple]:
    """Every row's values (an ``id`` column is the row's rowid; other tables' rowids are SQLite's own business)."""
    with sqlite3.connect(db) as conn:
        return set(conn.execute(f"SELECT * FROM {table}"))


def _iterdump_rows(damaged: Path, tmp: Path) -> dict[str, set[tuple]]:
    """What Python's ``iterdump`` gets out of ``damaged`` before the damage stops it, loaded into a new file."""
    copy = tmp / "iterdump-source.sqlite"
    shutil.copyfile(damaged, copy)
    statements = []
    with sqlite3.connect(copy) as conn:
        conn.execute("PRAGMA writable_schema=ON")  # as the sqlite3 shell's .dump does
        with contextlib.suppress(sqlite3.DatabaseError):
            statements.extend(conn.iterdump())
    return _load(statements, tmp / "iterdump.sqlite")


def _shell_dump_rows(damaged: Path, tmp: Path) -> dict[str, set[tuple]]:
    """What the ``sqlite3`` shell's ``.dump`` gets out of ``damaged`` (it retries a table from its end)."""
    done = subprocess.run(["sqlite3", str(damaged), ".dump"], capture_output=True, text=True, check=False)
    target = tmp / "shell-dump.sqlite"
    with sqlite3.connect(target) as conn:  # its script ends "ROLLBACK; -- due to errors": keep what it read
        conn.executescript(done.stdout.replace("ROLLBACK; -- due to errors", "COMMIT;"))
    return {table: _rows(target, table) for table in TABLES}


def _load(statements: list[str], target: Path) -> dict[str, set[tuple]]:
    with sqlite3.connect(target) as conn:
        for statement in statements:
            if statement.startswith(("CREATE TABLE", "INSERT INTO")):
                conn.execute(statement)
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {table: _rows(target, table) if table in names else set() for table in TABLES}


@pytest.mark.parametrize("fraction", [0.6, 0.9])
def test_salvage_of_a_truncated_file_recovers_every_row_dump_can_read(
    tmp_path: Path, full_office: Path, fraction: float
) -> None:
    whole = _copy(full_office, tmp_path / "office.sqlite")
    damaged = _truncated(whole, tmp_path / "truncated.sqlite", fraction)
    digest = hashlib.sha256(damaged.read_bytes()).hexdigest()
    with pytest.raises(StorageError, match="damaged"):
        Repository(damaged, read_only=True)  # the kiosk itself cannot open it, nor export from it
    report = salvage(damaged, tmp_path / "salvaged.sqlite", actor="cli:tester")
    salvaged = {table: _rows(report.output, table) for table in TABLES}
    salvaged["audit_log"] = {row for row in salvaged["audit_log"] if row[3] != "salvage"}  # its own entry
    dumped = _iterdump_rows(damaged, tmp_path)
    for table in TABLES:
        assert dumped[table] <= salvaged[table], table
        assert salvaged[table] <= _rows(whole, table), table  # nothing made up
    events = next(table for table in report.tables if table.table == "events")
    assert 0 < events.copied == len(salvaged["events"]) < EVENTS
    assert events.unreadable == [(events.copied + 1, None)]  # the rest of the table was in the cut-off pages
    assert len(salvaged["employees"]) == 20 and not report.complete
    if shutil.which("sqlite3"):  # the shell's .dump, which retries from the other end, gets no more either
        shell = _shell_dump_rows(damaged, tmp_path)
        assert all(shell[table] <= salvaged[table] for table in TABLES)
        assert salvaged["events"] == shell["events"]
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == digest  # the damaged file is never written
    # The result is a normal kiosk database: current schema, sound, private, the salvage audited.
    assert stat.S_IMODE(report.output.stat().st_mode) == 0o600
    with Repository(report.output, read_only=True) as repo:
        assert len(repo.employees.all()) == 20
        [entry] = [e for e in repo.audit.entries() if e.action == "salvage"]
        assert entry.actor == "cli:tester" and "events:" in entry.detail and "unreadable" in entry.detail
    with sqlite3.connect(report.output) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_damaged_page_in_the_middle_costs_only_its_own_rows(tmp_path: Path, full_office: Path) -> None:
    whole = _copy(full_office, tmp_path / "office.sqlite")
    damaged = tmp_path / "damaged.sqlite"
    shutil.copyfile(whole, damaged)
    with sqlite3.connect(damaged) as conn:
        leaves = [row[0] for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno")]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    middle = leaves[len(leaves) // 2]
    on_page = _rowids_on(whole, middle)
    lost = {row for row in _rows(whole, "events") if row[0] in on_page}
    assert len(lost) > 10
    data = bytearray(damaged.read_bytes())
    data[(middle - 1) * size:(middle - 1) * size + 64] = b"\xa5" * 64  # the page's header: unreadable
    damaged.write_bytes(bytes(data))
    report = salvage(damaged, tmp_path / "salvaged.sqlite")
    salvaged = _rows(report.output, "events")
    assert salvaged == _rows(whole, "events") - lost
    events = next(table for table in report.tables if table.table == "events")
    low, high = min(row[0] for row in lost), max(row[0] for row in lost)
    assert events.unreadable == [(low, high)] and events.copied == EVENTS - len(lost)
    assert "unreadable: rowids" in events.describe()


_PAGE_ROWIDS: dict[tuple[Path, int], set[int]] = {}


def _rowids_on(db: Path, page: int) -> set[int]:
    """The rowids whose cells lie on ``page`` of the events table (from the page's own bytes)."""
    if (db, page) not in _PAGE_ROWIDS:
        with sqlite3.connect(db) as conn:
            size = conn.execute("PRAGMA page_size").fetchone()[0]
        data = db.read_bytes()[(page - 1) * size: page * size]
        header = 100 if page == 1 else 0
        count = int.from_bytes(data[header + 3: header + 5], "big")
        found = set()
        for number in range(count):
            cell = int.from_bytes(data[header + 8 + 2 * number: header + 10 + 2 * number], "big")
            _payload, position = _varint(data, cell)
            rowid, _ = _varint(data, position)
            found.add(rowid)
        _PAGE_ROWIDS[(db, page)] = found
    return _PAGE_ROWIDS[(db, page)]


def _varint(data: bytes, position: int) -> tuple[int, int]:
    value = 0
    for index in range(9):
        byte = data[position + index]
        if index == 8:
            return (value << 8) | byte, position + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, position + index + 1
    raise AssertionError("unreachable")


@pytest.mark.expected_log("kiosk.ops", "placeholder employees")
def test_check_ins_whose_employee_was_lost_are_kept_under_a_placeholder(tmp_path: Path) -> None:
    db = _office(tmp_path / "office.sqlite", events=40)
    with sqlite3.connect(db) as conn:  # as if the employee's row had been on an unreadable page
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DELETE FROM employees WHERE code = '0003'")
    report = salvage(db, tmp_path / "salvaged.sqlite")
    assert report.placeholders == 1 and report.complete
    with Repository(report.output, read_only=True) as repo:
        placeholder = repo.employees.find("salvaged-4")
        assert placeholder is not None and not placeholder.active
        assert len(repo.events.between(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))) == 40


def test_salvage_refuses_with_one_line(tmp_path: Path) -> None:
    db = _office(tmp_path / "office.sqlite", events=10)
    (tmp_path / "taken.sqlite").write_text("")
    with pytest.raises(InputError, match="exists; give a new file name"):
        salvage(db, tmp_path / "taken.sqlite")
    with pytest.raises(InputError, match="database not found"):
        salvage(tmp_path / "missing.sqlite", tmp_path / "new.sqlite")
    (tmp_path / "noise.sqlite").write_bytes(b"\x00\x01" * 5000)
    with pytest.raises(StorageError, match="not even its first page can be read") as refused:
        salvage(tmp_path / "noise.sqlite", tmp_path / "new.sqlite")
    assert "\n" not in str(refused.value)
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(StorageError, match="is not a kiosk database"):
        salvage(foreign, tmp_path / "new.sqlite")
    assert not (tmp_path / "new.sqlite").exists()


def test_kiosk_salvage_reports_per_table(tmp_path: Path, full_office: Path, capsys) -> None:
    damaged = _truncated(full_office, tmp_path / "truncated.sqlite", 0.6)
    out = tmp_path / "salvaged.sqlite"
    assert main(["salvage", str(damaged), "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    events = _rows(out, "events")
    assert lines[:2] == ["employees: 20 rows copied", "audit_log: 20 rows copied"]
    assert f"events: {len(events)} rows copied; unreadable: rowids {len(events) + 1}-…" in lines
    assert lines[-1] == f"salvaged into {out}: some rows could not be read (above)"
    assert not (tmp_path / "salvaged.log").exists()  # salvage writes to no kiosk's log
    again = tmp_path / "again.sqlite"
    assert main(["salvage", str(damaged), "--out", str(again), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["complete"] is False
    [table] = [t for t in payload["tables"] if t["table"] == "events"]
    assert table["copied"] == len(events) and table["unreadable"] == [[len(events) + 1, None]]
