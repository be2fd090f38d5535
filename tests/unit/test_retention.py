"""Privacy by default: deactivation is dated, expired biometrics are erased (and gone
from the file and its WAL), ``kiosk erase`` erases on request, and a schema 1
database upgrades to carry the date."""

from __future__ import annotations

import getpass
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from clocks import CHINA, FakeClock

from kiosk.cli.main import main
from kiosk.errors import StorageError
from kiosk.privacy import CHECK_INTERVAL, RetentionSchedule, erase_expired
from kiosk.security.pins import PinStore
from kiosk.settings.specs import Settings
from kiosk.storage import schema
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository
from kiosk.storage.sqlite import SqliteDatabase

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=CHINA)


def _vector(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=128).astype(np.float32)


def _needle(seed: int) -> bytes:
    """Bytes of a stored template that appear nowhere else in the file."""
    return _vector(seed).astype("<f4").tobytes()[:64]


def _raw(path: Path) -> bytes:
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _staff(repo: Repository) -> dict[str, int]:
    """Three people with a face and a PIN each, and one check-in each."""
    ids = {}
    for seed, code in enumerate(("A", "B", "C"), start=1):
        employee = repo.employees.add(code, f"Person {code}", templates=[("front", _vector(seed))])
        PinStore(repo).set_employee_pin(employee.id, "8642")
        repo.events.add(AttendanceEvent(None, employee.id, "in", T0.astimezone(UTC), 480, None, True, "face", "k"))
        ids[code] = employee.id
    return ids


def test_deactivation_is_dated_and_reactivation_clears_it(tmp_path) -> None:
    clock = FakeClock(T0)
    with Repository(tmp_path / "k.sqlite", clock=clock) as repo:
        ann = repo.employees.add("A", "Ann")
        assert ann.deactivated_at is None
        assert repo.employees.update(ann.id, active=False).deactivated_at == T0
        stored = repo.employees.get(ann.id)
        assert stored is not None and stored.deactivated_at == T0
        clock.advance(days=3)
        assert repo.employees.update(ann.id, name="Ann Li").deactivated_at == T0  # other edits keep the date
        assert repo.employees.update(ann.id, active=True).deactivated_at is None
        stored = repo.employees.get(ann.id)
        assert stored is not None and stored.deactivated_at is None


def test_retention_erases_exactly_the_expired_employee(tmp_path) -> None:
    path = tmp_path / "k.sqlite"
    clock = FakeClock(T0)
    with Repository(path, clock=clock) as repo:
        ids = _staff(repo)
        repo.employees.update(ids["A"], active=False)  # expires
        clock.advance(days=20)
        repo.employees.update(ids["B"], active=False)  # 11 days before the pass: not yet
        clock.advance(days=11)  # 31 days after A, 11 after B; C stays active
        assert all(_needle(seed) in _raw(path) for seed in (1, 2, 3))
        with sqlite3.connect(path) as conn:
            [(pin_hash,)] = conn.execute("SELECT pin_hash FROM employees WHERE code = 'A'").fetchall()
        assert pin_hash.encode() in _raw(path)

        erased = erase_expired(repo, clock(), 30, actor="kiosk")

        assert [(e.employee.code, e.templates, e.pin) for e in erased] == [("A", 1, True)]
        raw = _raw(path)
        assert _needle(1) not in raw and _needle(2) in raw and _needle(3) in raw
        assert pin_hash.encode() not in raw
        assert [len(repo.templates.of(ids[c])) for c in "ABC"] == [0, 1, 1]
        assert [repo.employees.get(ids[c]).has_pin for c in "ABC"] == [False, True, True]  # type: ignore[union-attr]
        assert len(repo.events.between(T0 - timedelta(days=1), T0 + timedelta(days=1))) == 3  # history kept
        [entry] = [e for e in repo.audit.entries() if e.action == "erase_biometrics"]
        assert entry.actor == "kiosk"
        assert entry.detail.startswith("A: 1 templates and the personal PIN erased; retention: deactivated 2026-03-0")
        assert erase_expired(repo, clock(), 30, actor="kiosk") == []  # nothing left: not audited twice
        assert [e.action for e in repo.audit.entries()].count("erase_biometrics") == 1


def test_schedule_runs_at_once_then_daily_and_waits_out_a_busy_database(tmp_path) -> None:
    clock = FakeClock(T0)
    with Repository(tmp_path / "k.sqlite", clock=clock) as repo:
        ids = _staff(repo)
        repo.employees.update(ids["A"], active=False)
        clock.advance(days=30, minutes=1)
        schedule = RetentionSchedule(repo, clock, 30)
        assert [e.employee.code for e in schedule.run_if_due()] == ["A"]  # start-up pass
        repo.employees.update(ids["B"], active=False)
        clock.advance(days=30, minutes=1)
        repo.employees.update(ids["C"], active=False)
        clock.now = T0 + timedelta(days=30, minutes=1) + CHECK_INTERVAL - timedelta(seconds=1)
        assert schedule.run_if_due() == []  # not yet a day since the last pass
        clock.now = T0 + timedelta(days=61)
        assert [e.employee.code for e in schedule.run_if_due()] == ["B"]


def test_engine_from_create_engine_runs_retention_on_its_first_frame(tmp_path, video_frames, analyzer) -> None:
    from kiosk.wiring import create_engine

    clock = FakeClock(T0)
    with Repository(tmp_path / "k.sqlite", clock=clock) as repo:
        ids = _staff(repo)
        repo.employees.update(ids["B"], active=False)
        clock.advance(days=8)
        engine = create_engine(repo, Settings(template_retention_days=7), clock, analyzer=analyzer)
        assert repo.templates.of(ids["B"]) != []  # building the engine erases nothing
        engine.process(video_frames("blink-0012.mp4")[0])
        assert repo.templates.of(ids["B"]) == [] and len(repo.templates.of(ids["A"])) == 1


def _schema_1_file(path: Path) -> None:
    """A database exactly as schema 1 kiosks wrote it, with an active and an inactive employee."""
    conn = sqlite3.connect(path, isolation_level=None)
    schema.MIGRATIONS[0](SqliteDatabase(conn))
    conn.execute("PRAGMA user_version = 1")
    conn.execute("PRAGMA journal_mode = WAL")
    for code, active in (("A", 1), ("B", 0)):
        conn.execute("INSERT INTO employees (code, name, active, created_at) VALUES (?, ?, ?, ?)",
                     [code, f"Person {code}", active, "2025-01-01T00:00:00.000000+00:00"])
    conn.execute("INSERT INTO templates (employee_id, angle, vector, created_at) VALUES (2, 'front', ?, ?)",
                 [_vector(2).astype("<f4").tobytes(), "2025-01-01T00:00:00.000000+00:00"])
    conn.execute("INSERT INTO events (employee_id, kind, at_utc, utc_offset_minutes, live, source, device_id) "
                 "VALUES (1, 'in', '2025-01-02T01:00:00.000000+00:00', 480, 1, 'face', 'k')")
    conn.close()


def test_schema_1_database_is_migrated_and_its_inactive_employees_dated_from_the_upgrade(tmp_path) -> None:
    path = tmp_path / "old.sqlite"
    _schema_1_file(path)
    with pytest.raises(StorageError, match="older schema"):  # a read-only open never migrates
        Repository(path, read_only=True)
    before = datetime.now(UTC)
    with Repository(path) as repo:
        after = datetime.now(UTC)
        a, b = repo.employees.find("A"), repo.employees.find("B")
        assert a is not None and b is not None
        assert a.deactivated_at is None
        assert b.deactivated_at is not None and before <= b.deactivated_at <= after
        assert len(repo.templates.of(b.id)) == 1
        assert len(repo.events.between(datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 1, 3, tzinfo=UTC))) == 1
        # Counting from the upgrade: nothing is erased the day the new kiosk starts.
        assert erase_expired(repo, datetime.now(UTC), 30, actor="kiosk") == []
        assert erase_expired(repo, datetime.now(UTC) + timedelta(days=31), 30, actor="kiosk") != []
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_kiosk_erase_by_code_and_expired(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("KIOSK_DB", raising=False)
    path = tmp_path / "k.sqlite"
    with Repository(path) as repo:
        ids = _staff(repo)
        repo.employees.update(ids["C"], active=False)
    capsys.readouterr()

    assert main(["erase", "--db", str(path), "--code", "B"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("erased 1 templates and the PIN of Person B (B); attendance history kept\n", "")
    assert _needle(2) not in _raw(path) and _needle(1) in _raw(path)

    assert main(["erase", "--db", str(path), "--code", "Z"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == "kiosk: error: there is no employee with code Z; check the code\n"

    assert main(["erase", "--db", str(path), "--expired"]) == 0  # C was deactivated today: kept
    assert capsys.readouterr().out == "0 employees deactivated more than 30 days ago erased\n"
    assert _needle(3) in _raw(path)

    with Repository(path) as repo:
        assert repo.templates.of(ids["B"]) == [] and not repo.employees.get(ids["B"]).has_pin  # type: ignore[union-attr]
        assert len(repo.templates.of(ids["A"])) == 1
        assert len(repo.events.between(T0 - timedelta(days=1), T0 + timedelta(days=1))) == 3
        [entry] = [e for e in repo.audit.entries() if e.action == "erase_biometrics"]
        assert entry.actor == f"cli:{getpass.getuser()}"
        assert entry.detail == "B: 1 templates and the personal PIN erased; erased on request (kiosk erase)"
