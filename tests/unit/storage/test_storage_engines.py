"""The same repository on both engines: an SQLite file and a real PostgreSQL server.

Each test runs twice (``[sqlite]`` and ``[postgresql]``) against the real
thing: a file in ``tmp_path``, and a fresh database on the session's server.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import psycopg
import pytest
from clocks import FakeClock
from postgres import PostgresServer

from kiosk.errors import DatabaseBusy, InputError, StorageError
from kiosk.storage.employees import CodeTakenError
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.postgres import PostgresTransactions
from kiosk.storage.postgres import connect as connect_postgres
from kiosk.storage.repository import Repository
from kiosk.storage.schema import SCHEMA_VERSION, migrate, schema_version
from kiosk.storage.sqlite import Transactions, connect

ENGINES = ("sqlite", "postgresql")


@pytest.fixture(params=ENGINES)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """A new database on one engine: a file path, or a URL to a fresh server database."""
    if request.param == "sqlite":
        return tmp_path / "kiosk.sqlite"
    return str(request.getfixturevalue("postgres_url"))


def _open(location: str | Path, clock: FakeClock | None = None, **options: object) -> Repository:
    files = Path(str(location)) if isinstance(location, Path) else None
    base = None if files else Path(__file__).parent / "unused.server"  # a server keeps no file in these tests
    if clock is not None:
        options["clock"] = clock
    return Repository(location, files_base=base, **options)  # type: ignore[arg-type]


@pytest.fixture
def repo(location: str | Path, clock: FakeClock) -> Iterator[Repository]:
    repository = _open(location, clock, busy_timeout_s=2.0)
    yield repository
    repository.close()


def _vectors(count: int, seed: int) -> list[tuple[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    return [("front", rng.standard_normal(128).astype(np.float32)) for _ in range(count)]


def _event(employee_id: int, at: datetime, kind: str = "in") -> AttendanceEvent:
    return AttendanceEvent(None, employee_id, kind, at, 480, 0.31, True, "face", "door-1")


def test_enroll_check_in_correct_and_report_round_trip(repo: Repository, clock: FakeClock) -> None:
    vectors = _vectors(3, seed=1)
    zhang = repo.employees.enroll("0012", "张伟", vectors, department="生产部", consent_at=clock())
    li = repo.employees.add("0013", "Li Na", "Sales")
    gallery = repo.templates.gallery()
    assert gallery.employee_ids.tolist() == [zhang.id] * 3
    assert np.array_equal(gallery.vectors, np.stack([v for _a, v in vectors]))  # float32 bit for bit
    assert [a for a, _v in repo.templates.of(zhang.id)] == ["front"] * 3
    assert repo.employees.all(search="li n") == [li]  # any case, as SQLite's LIKE
    assert repo.employees.all(search="50%") == []  # a typed % is a character, not a wildcard
    assert repo.employees.departments() == ["Sales", "生产部"]
    assert uuid.UUID(zhang.uid).version == 4 and zhang.uid != li.uid

    start = datetime(2026, 11, 23, 0, 55, tzinfo=UTC)
    first = repo.events.add(_event(zhang.id, start))
    second = repo.events.add(_event(zhang.id, start + timedelta(hours=9), "out"))
    assert first.uid and second.uid and first.uid != second.uid
    assert repo.events.last_for(zhang.id) == second
    assert repo.events.between(start, start + timedelta(days=1)) == [first, second]
    moved = repo.events.update(second.id or 0, at_utc=start + timedelta(hours=10), reason="forgot to scan")
    repo.events.delete(first.id or 0, reason="double scan")
    assert repo.events.between(start, start + timedelta(days=1)) == [moved]
    assert [e.action for e in repo.audit.entries()][:3] == ["delete_event", "update_event", "add_employee"]

    repo.settings.set("workday_start", "09:00")
    repo.settings.set("workday_start", "08:30")
    assert repo.settings.get("workday_start") == "08:30" and repo.settings.get("missing", "d") == "d"
    repo.employees.update(zhang.id, active=False)
    assert repo.templates.gallery().employee_ids.tolist() == []
    assert repo.templates.revision()[2] == 1


def test_an_event_from_another_kiosk_keeps_its_uid_and_is_stored_once(repo: Repository) -> None:
    employee = repo.employees.add("0012", "张伟")
    sent = _event(employee.id, datetime(2026, 11, 23, 1, 0, tzinfo=UTC))
    sent = AttendanceEvent(**{**sent.__dict__, "uid": str(uuid.uuid4())})
    stored = repo.events.add(sent)
    assert stored.uid == sent.uid
    with pytest.raises(Exception, match=r"(?i)unique|refused"):
        repo.events.add(sent)
    assert len(repo.events.between(sent.at_utc, sent.at_utc + timedelta(seconds=1))) == 1


def test_an_enrollment_vetoed_inside_its_transaction_writes_nothing(repo: Repository) -> None:
    repo.employees.add("0001", "First")
    before = (repo.employees.all(), len(repo.audit.entries()), repo.templates.revision())

    def refuse(owner: object) -> None:
        raise InputError("This face already belongs to First.")

    with pytest.raises(InputError, match="already belongs"):
        repo.employees.enroll("0002", "Second", _vectors(2, seed=2), vet=refuse)
    assert (repo.employees.all(), len(repo.audit.entries()), repo.templates.revision()) == before


def test_two_enrollments_of_one_new_code_on_the_server_give_the_second_code_taken(
    postgres_url: str, postgres_server: PostgresServer, clock: FakeClock
) -> None:
    """Two workstations, two connections: the code check is inside the write lock, as with SQLite."""
    first, second = _open(postgres_url, clock), _open(postgres_url, clock)
    inside, release = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def hold(owner: object) -> None:
        inside.set()
        assert release.wait(30)

    def enroll_second() -> None:
        try:
            outcome["second"] = second.employees.enroll("0012", "Other", _vectors(1, seed=4))
        except CodeTakenError as error:
            outcome["second"] = error

    holder = threading.Thread(target=lambda: first.employees.enroll("0012", "张伟", _vectors(1, seed=3), vet=hold))
    holder.start()
    assert inside.wait(30)
    waiter = threading.Thread(target=enroll_second)
    waiter.start()
    database = postgres_url.rsplit("/", 1)[1]
    with postgres_server.admin() as admin:
        for _ in range(3000):  # until the second enrollment waits on the write lock (a poll, not a timing)
            waiting = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event = 'advisory'", [database]
            ).fetchone()
            if waiting == (1,):
                break
            threading.Event().wait(0.01)
        else:
            pytest.fail("the second enrollment never waited for the write lock")
    release.set()
    holder.join(30)
    waiter.join(30)
    assert isinstance(outcome["second"], CodeTakenError)
    assert [e.name for e in first.employees.all()] == ["张伟"]
    first.close()
    second.close()


def _transactions(location: str | Path) -> Transactions | PostgresTransactions:
    if isinstance(location, Path):
        return Transactions(connect(location, 2.0), location)
    return PostgresTransactions(connect_postgres(location, 2.0), location)


def test_a_version_1_database_is_migrated_to_the_newest_with_its_data(location: str | Path) -> None:
    tx = _transactions(location)
    assert migrate(tx, target=1) == 1
    vector = np.arange(128, dtype="<f4")
    with tx.writing() as db:
        assert schema_version(db) == 1
        db.execute(
            "INSERT INTO employees (code, name, department, active, created_at) VALUES (?, ?, ?, ?, ?)",
            ["0012", "张伟", "生产部", 0, "2025-01-01T00:00:00.000000+00:00"],
        )
        db.execute(
            "INSERT INTO employees (code, name, active, created_at) VALUES (?, ?, ?, ?)",
            ["0013", "Li Na", 1, "2025-01-01T00:00:00.000000+00:00"],
        )
        db.execute(
            "INSERT INTO templates (employee_id, angle, vector, created_at) VALUES (?, ?, ?, ?)",
            [2, "left", vector.tobytes(), "2025-01-01T00:00:00.000000+00:00"],
        )
        db.execute(
            "INSERT INTO events (employee_id, kind, at_utc, utc_offset_minutes, distance, live, source, device_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [2, "in", "2025-01-02T01:00:00.000000+00:00", 480, 0.3125, 1, "face", "door-1"],
        )
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", ["admin_pin", "scrypt$x"])
    tx.db.close()

    with _open(location) as repo:
        zhang, li = repo.employees.find("0012"), repo.employees.find("0013")
        assert zhang is not None and li is not None
        assert (zhang.name, zhang.department, zhang.active) == ("张伟", "生产部", False)
        assert zhang.deactivated_at is not None  # v2 dated the inactive employee
        assert len({zhang.uid, li.uid}) == 2 and all(uuid.UUID(u).version == 4 for u in (zhang.uid, li.uid))
        [(angle, stored)] = repo.templates.of(li.id)
        assert angle == "left" and stored.tobytes() == vector.tobytes()
        [event] = repo.events.between(datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 1, 3, tzinfo=UTC))
        assert (event.employee_id, event.kind, event.distance, event.device_id) == (li.id, "in", 0.3125, "door-1")
        assert event.uid is not None and uuid.UUID(event.uid).version == 4
        assert repo.settings.get("admin_pin") == "scrypt$x"
    tx = _transactions(location)
    with tx.reading() as db:
        assert schema_version(db) == SCHEMA_VERSION
        uids = [row["uid"] for row in db.query("SELECT uid FROM templates")]
    assert len(uids) == 1 and uids[0]
    tx.db.close()


def _columns(location: str | Path) -> dict[str, list[str]]:
    with _open(location):
        pass
    tx = _transactions(location)
    with tx.reading() as db:
        tables = sorted(t for t in db.table_names() if t != "kiosk_schema")
        columns = {
            t: [r["name"] for r in db.query(
                "SELECT name FROM pragma_table_info(?) ORDER BY cid" if isinstance(location, Path) else
                "SELECT column_name AS name FROM information_schema.columns WHERE table_name = ? "
                "AND table_schema = current_schema() ORDER BY ordinal_position", [t])]
            for t in tables
        }  # fmt: skip
    tx.db.close()
    return columns


def test_one_definition_gives_the_same_tables_and_columns_on_both_engines(tmp_path: Path, postgres_url: str) -> None:
    on_file, on_server = _columns(tmp_path / "kiosk.sqlite"), _columns(postgres_url)
    assert on_file == on_server
    assert on_file["employees"][:10] == [
        "id", "code", "name", "department", "active", "consent_at", "created_at", "pin_hash", "deactivated_at", "uid"
    ]  # fmt: skip
    assert {"uid", "device_id"} <= set(on_file["events"]) and "uid" in on_file["templates"]


def test_template_checks_hold_on_the_server(postgres_url: str) -> None:
    with _open(postgres_url) as repo:
        employee = repo.employees.add("0012", "张伟")
    with psycopg.connect(postgres_url) as conn, pytest.raises(psycopg.errors.CheckViolation):
        conn.execute(
            "INSERT INTO templates (employee_id, angle, vector, created_at) VALUES (%s, 'front', %s, 'x')",
            [employee.id, b"\0" * 12],
        )


def test_a_writer_waiting_longer_than_its_busy_timeout_on_the_server_gets_database_busy(
    postgres_url: str, clock: FakeClock
) -> None:
    holder, screen = _open(postgres_url, clock), _open(postgres_url, clock, busy_timeout_s=0.2)
    inside, release = threading.Event(), threading.Event()

    def hold(owner: object) -> None:
        inside.set()
        assert release.wait(30)

    thread = threading.Thread(target=lambda: holder.employees.enroll("0012", "张伟", _vectors(1, seed=3), vet=hold))
    thread.start()
    try:
        assert inside.wait(30)
        with pytest.raises(DatabaseBusy, match="busy"):
            screen.employees.add("0013", "Li Na")
    finally:
        release.set()
        thread.join(30)
    assert [e.code for e in screen.employees.all()] == ["0012"]
    holder.close()
    screen.close()


def test_a_repository_reconnects_when_the_server_comes_back(
    postgres_server: PostgresServer, postgres_url: str, clock: FakeClock
) -> None:
    with _open(postgres_url, clock) as repo:
        repo.employees.add("0012", "张伟")
        postgres_server.stop()
        try:
            with pytest.raises(StorageError) as lost:
                repo.employees.add("0013", "Li Na")
            assert "\n" not in str(lost.value) and postgres_server.password not in str(lost.value)
        finally:
            postgres_server.start()
        repo.employees.add("0013", "Li Na")
        assert [e.code for e in repo.employees.all()] == ["0012", "0013"]
