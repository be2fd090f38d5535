"""HR's payroll tables (schema version 5) on both engines: shifts, assignments, company dates, leave,
roster imports and imported punches, the migration from version 4, and what the server roles allow.

Each engine test runs twice (``[sqlite]`` and ``[postgresql]``) against the real thing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import psycopg
import pytest
from clocks import FakeClock
from postgres import PostgresServer

from kiosk.errors import InputError, StorageError
from kiosk.storage.location import open_repository
from kiosk.storage.models import AttendanceEvent, ImportedPunch, RosterRow
from kiosk.storage.payroll_schema import LEAVE_TYPES
from kiosk.storage.postgres import PostgresTransactions
from kiosk.storage.postgres import connect as connect_postgres
from kiosk.storage.repository import Repository
from kiosk.storage.schema import SCHEMA_VERSION, migrate
from kiosk.storage.shifts import EARLIEST
from kiosk.storage.sqlite import Transactions, connect

ROLES_SQL = Path(__file__).resolve().parents[3] / "kiosk" / "security" / "roles.sql"


@pytest.fixture(params=("sqlite", "postgresql"))
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    if request.param == "sqlite":
        return tmp_path / "kiosk.sqlite"
    return str(request.getfixturevalue("postgres_url"))


def _open(location: str | Path, clock: FakeClock | None = None) -> Repository:
    base = None if isinstance(location, Path) else Path(__file__).parent / "unused.server"
    return Repository(location, files_base=base, clock=clock or FakeClock(datetime(2025, 10, 1, tzinfo=UTC)))


@pytest.fixture
def repo(location: str | Path, clock: FakeClock) -> Iterator[Repository]:
    with _open(location, clock) as repository:
        yield repository


def _audit(repo: Repository) -> list[str]:
    return [entry.action for entry in repo.audit.entries()]


def test_shifts_and_assignments_round_trip(repo: Repository) -> None:
    day = repo.shifts.add("Day", "08:30", "17:30", breaks=[("12:00", "13:00")], actor="hr")
    night = repo.shifts.add("Night", "22:00", "06:00", workdays=[0, 1, 2, 3, 4, 5], statutory_calendar=False)
    assert repo.shifts.get(" Day ") == day
    assert [s.name for s in repo.shifts.all()] == ["Day", "Night"]
    assert (night.start, night.end, night.workdays, night.statutory_calendar) == ("22:00", "06:00", (0, 1, 2, 3, 4, 5),
                                                                                   False)  # fmt: skip
    zhang = repo.employees.add("0012", "张伟", "生产部")
    li = repo.employees.add("0013", "李娜", "生产部")
    repo.shifts.assign(zhang.id, "Day", date(2025, 10, 1), actor="hr")
    repo.shifts.assign(zhang.id, "Night", date(2025, 11, 1), actor="hr")
    repo.shifts.assign(zhang.id, "Day", date(2025, 11, 1), actor="hr")  # same date: replaced, not added
    assigned = repo.shifts.assign_department("生产部", "Night", date(2025, 12, 1), actor="hr")
    assert [a.employee_id for a in assigned] == [zhang.id, li.id]
    assert [(a.shift_name, a.valid_from) for a in repo.shifts.assignments(zhang.id)] == [
        ("Day", date(2025, 10, 1)), ("Day", date(2025, 11, 1)), ("Night", date(2025, 12, 1))
    ]  # fmt: skip
    assert repo.shifts.latest()[li.id].shift_name == "Night"
    with pytest.raises(InputError, match="already exists"):
        repo.shifts.add("Day", "09:00", "18:00")
    with pytest.raises(InputError, match="zero length"):
        repo.shifts.add("Zero", "09:00", "09:00")
    with pytest.raises(InputError, match="no shift named 'Late'"):
        repo.shifts.assign(zhang.id, "Late", date(2025, 10, 1))
    with pytest.raises(InputError, match="no active employee"):
        repo.shifts.assign_department("财务部", "Day", date(2025, 10, 1))
    assert _audit(repo)[:5] == ["assign_shift", "assign_shift", "assign_shift", "assign_shift", "assign_shift"]


def test_company_dates_set_replace_and_clear(repo: Repository) -> None:
    repo.calendar.set(date(2025, 10, 24), off=True, name="厂庆", actor="hr")
    repo.calendar.set(date(2025, 10, 25), off=False, actor="hr")
    repo.calendar.set(date(2025, 10, 24), off=True, name="厂庆", actor="hr")  # unchanged: not audited again
    repo.calendar.set(date(2025, 10, 25), off=True, name="停电", actor="hr")
    assert [(d.day.day, d.off, d.name) for d in repo.calendar.between(date(2025, 10, 1), date(2025, 10, 31))] == [
        (24, True, "厂庆"), (25, True, "停电")
    ]  # fmt: skip
    assert repo.calendar.clear(date(2025, 10, 25), actor="hr") is True
    assert repo.calendar.clear(date(2025, 10, 25), actor="hr") is False
    assert _audit(repo)[:4] == ["clear_calendar_day", "set_calendar_day", "set_calendar_day", "set_calendar_day"]


def test_leave_never_overlaps_and_the_refusal_names_both(repo: Repository) -> None:
    zhang = repo.employees.add("0012", "张伟")
    first = repo.leave.add(zhang.id, datetime(2025, 10, 9), datetime(2025, 10, 11), "annual", "回老家", actor="hr")
    repo.leave.add(zhang.id, datetime(2025, 10, 11), datetime(2025, 10, 11, 12), "sick", actor="hr")  # touching: fine
    before = _audit(repo)
    with pytest.raises(InputError) as refused:
        repo.leave.add(zhang.id, datetime(2025, 10, 10, 13), datetime(2025, 10, 10, 18), "personal", actor="hr")
    assert str(refused.value) == (
        "leave 2025-10-10 13:00 to 2025-10-10 18:00 overlaps 0012's annual leave 2025-10-09 00:00 to "
        f"2025-10-11 00:00 (id {first.id}); change the dates or delete that leave first"
    )
    assert _audit(repo) == before
    assert [leave.type for leave in repo.leave.between(date(2025, 10, 10), date(2025, 10, 11))] == ["annual", "sick"]
    assert repo.leave.between(date(2025, 10, 12), date(2025, 10, 31)) == []
    repo.leave.delete(first.id, actor="hr")
    assert [leave.type for leave in repo.leave.between(date(2025, 10, 1), date(2025, 10, 31))] == ["sick"]
    with pytest.raises(InputError, match="not one of annual, sick, personal, other"):
        repo.leave.add(zhang.id, datetime(2025, 11, 1), datetime(2025, 11, 2), "holiday")
    with pytest.raises(InputError, match="before or when it starts"):
        repo.leave.add(zhang.id, datetime(2025, 11, 2), datetime(2025, 11, 1), "annual")


def test_a_roster_is_applied_whole_or_not_at_all(repo: Repository) -> None:
    repo.shifts.add("Day", "08:30", "17:30")
    repo.employees.add("0012", "张伟", "研发")
    rows = [
        RosterRow("0012", "张伟", "生产部", "Day", "r.csv row 2"),
        RosterRow("0013", "李娜", "生产部", "Day", "r.csv row 3"),
    ]
    planned = repo.roster.plan(rows)
    assert [c.text for c in planned] == [
        "change 0012: department '研发' -> '生产部'",
        "shift 0012: Day from the start",
        "add 0013 李娜 (生产部), shift Day from the start",
    ]
    assert repo.employees.find("0013") is None  # a plan writes nothing
    bad = [*rows, RosterRow("0014", "王芳", "生产部", "Night", "r.csv row 4")]
    with pytest.raises(InputError, match=r"^r.csv row 4: unknown shift 'Night' \(known: Day\)"):
        repo.roster.apply(bad, actor="hr")
    assert repo.employees.find("0013") is None and repo.employees.find("0012").department == "研发"  # type: ignore[union-attr]
    assert repo.roster.apply(rows, actor="hr", source="r.csv") == planned
    li = repo.employees.find("0013")
    assert li is not None and li.active and not li.has_pin and li.consent_at is None
    assert [(a.shift_name, a.valid_from) for a in repo.shifts.assignments(li.id)] == [("Day", EARLIEST)]
    assert repo.roster.apply(rows, actor="hr") == []  # again: nothing to do
    repo.shifts.add("Night", "22:00", "06:00")
    moved = [RosterRow("0013", "李娜", None, "Night", "r.csv row 3")]
    with pytest.raises(InputError, match=r"r\.csv row 3: 0013 works Day from the start; .*--from DATE"):
        repo.roster.plan(moved)
    [change] = repo.roster.apply(moved, actor="hr", valid_from=date(2025, 11, 1))
    assert change.text == "shift 0013: Night from 2025-11-01 (was Day)"
    assert repo.employees.find("0013").department == "生产部"  # type: ignore[union-attr]  # no column: kept
    assert _audit(repo)[0] == "import_roster"


def test_imported_punches_are_stored_once(repo: Repository) -> None:
    zhang = repo.employees.add("0012", "张伟")
    at = datetime(2025, 10, 9, 0, 31, tzinfo=UTC)
    punches = [
        ImportedPunch(zhang.id, "in", at, 480, "zk-1"), ImportedPunch(zhang.id, "out", at.replace(hour=9), 480, "")
    ]  # fmt: skip
    assert repo.events.add_imported(punches, actor="hr", source="p.csv") == (2, 0)
    assert repo.events.add_imported(punches, actor="hr", source="p.csv") == (0, 2)
    stored = repo.events.between(datetime(2025, 10, 8, tzinfo=UTC), datetime(2025, 10, 10, tzinfo=UTC))
    assert [(e.source, e.kind, e.device_id, e.at_local.hour) for e in stored] == [
        ("import", "in", "zk-1", 8), ("import", "out", "import", 17)
    ]  # fmt: skip
    assert [e.action for e in repo.audit.entries()].count("import_punches") == 1
    ghost = [ImportedPunch(zhang.id + 99, "in", at.replace(hour=3), 480, "")]
    with pytest.raises(InputError, match="no employee with id"):
        repo.events.add_imported([*punches, ImportedPunch(zhang.id, "in", at.replace(hour=2), 480, ""), *ghost], "hr")
    assert len(repo.events.between(datetime(2025, 10, 8, tzinfo=UTC), datetime(2025, 10, 10, tzinfo=UTC))) == 2


def test_schema_checks_hold_on_both_engines(location: str | Path) -> None:
    _open(location).close()
    tx = (Transactions(connect(location, 2.0), location) if isinstance(location, Path)
          else PostgresTransactions(connect_postgres(location, 2.0), location))  # fmt: skip
    try:
        with tx.writing() as db:
            db.execute("INSERT INTO employees (code, name, created_at) VALUES ('1', 'x', 'now')")
        for sql in (
            "INSERT INTO shifts (name, start_time, end_time, created_at) VALUES ('z', '09:00', '09:00', 'now')",
            "INSERT INTO leaves (employee_id, start_local, end_local, type, created_at) "
            "VALUES (1, '2025-10-02T00:00', '2025-10-01T00:00', 'annual', 'now')",
            "INSERT INTO leaves (employee_id, start_local, end_local, type, created_at) "
            "VALUES (1, '2025-10-01T00:00', '2025-10-02T00:00', 'unpaid', 'now')",
            "INSERT INTO events (employee_id, kind, at_utc, utc_offset_minutes, live, source, device_id) "
            "VALUES (1, 'in', 'x', 480, 0, 'badge', 'd')",
        ):
            with pytest.raises(StorageError), tx.writing() as db:
                db.execute(sql)
        with tx.writing() as db:
            db.execute("INSERT INTO events (employee_id, kind, at_utc, utc_offset_minutes, live, source, device_id) "
                       "VALUES (1, 'in', 'x', 480, 0, 'import', 'd')")  # fmt: skip
    finally:
        tx.db.close()
    assert LEAVE_TYPES == ("annual", "sick", "personal", "other")


def test_version_4_events_survive_the_migration(location: str | Path) -> None:
    tx = (Transactions(connect(location, 2.0), location) if isinstance(location, Path)
          else PostgresTransactions(connect_postgres(location, 2.0), location))  # fmt: skip
    assert migrate(tx, target=4) == 4
    with tx.writing() as db:
        db.execute("INSERT INTO employees (code, name, created_at, uid) VALUES ('0012', '张伟', 'now', 'e-1')")
        db.execute(
            "INSERT INTO events (employee_id, kind, at_utc, utc_offset_minutes, distance, live, source, "
            "device_id, note, uid) VALUES (1, 'in', '2025-10-09T00:31:00.000000+00:00', 480, 0.25, 1, 'face', "
            "'door-1', '', 'ev-1')"
        )
    tx.db.close()
    with _open(location) as repo:
        [event] = repo.events.between(datetime(2025, 10, 9, tzinfo=UTC), datetime(2025, 10, 10, tzinfo=UTC))
        assert (event.id, event.uid, event.distance, event.source) == (1, "ev-1", 0.25, "face")
        added = repo.events.add(AttendanceEvent(None, 1, "out", datetime(2025, 10, 9, 9, tzinfo=UTC), 480, None,
                                                False, "import", "zk"))  # fmt: skip
        assert added.id == 2
    if not isinstance(location, Path):  # the server's change feed still stamps every event (schema 4's trigger)
        with psycopg.connect(location) as conn:
            assert conn.execute("SELECT count(*) FROM events WHERE change_xid IS NULL").fetchone() == (0,)
    assert SCHEMA_VERSION == 7  # 6: doors (kiosk.storage.doors_schema), 7: event flags


def _login(server: PostgresServer, name: str, group: str) -> None:
    with server.admin() as conn:
        conn.execute(f"DROP ROLE IF EXISTS {name}")
        conn.execute(f"CREATE ROLE {name} LOGIN PASSWORD 'pw-{name}' IN ROLE {group}")


def test_hr_keeps_the_payroll_tables_and_a_door_cannot_read_them(
    postgres_server: PostgresServer, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    database = postgres_url.rsplit("/", 1)[1]
    open_repository(postgres_url, "write").close()  # the owner creates the tables
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(ROLES_SQL.read_text())
    door, hr = f"door_{database}", f"hr_{database}"
    _login(postgres_server, door, "kiosk_door")
    _login(postgres_server, hr, "kiosk_hr")
    try:
        hr_url = postgres_server.url(database, user=hr, password=f"pw-{hr}")
        with open_repository(hr_url, "write") as workstation:
            workstation.shifts.add("Day", "08:30", "17:30", actor="hr")
            workstation.roster.apply([RosterRow("0012", "张伟", "生产部", "Day")], actor="hr")
            zhang = workstation.employees.find("0012")
            assert zhang is not None
            workstation.shifts.assign(zhang.id, "Day", date(2025, 10, 1), actor="hr")
            workstation.calendar.set(date(2025, 10, 24), off=True, actor="hr")
            leave = workstation.leave.add(zhang.id, datetime(2025, 10, 9), datetime(2025, 10, 10), "sick", actor="hr")
            workstation.leave.delete(leave.id, actor="hr")
            workstation.calendar.clear(date(2025, 10, 24), actor="hr")
            punch = ImportedPunch(zhang.id, "in", datetime(2025, 10, 9, 0, 31, tzinfo=UTC), 480, "zk")
            assert workstation.events.add_imported([punch], actor="hr") == (1, 0)
        door_url = postgres_server.url(database, user=door, password=f"pw-{door}")
        with psycopg.connect(door_url, autocommit=True) as conn:
            for table in ("shifts", "shift_assignments", "calendar_overrides", "leaves"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
                    conn.execute(f"SELECT * FROM {table}")
            assert conn.execute("SELECT source FROM events").fetchall() == [("import",)]
    finally:
        with postgres_server.admin() as conn:
            for name in (door, hr):
                conn.execute(f"DROP ROLE IF EXISTS {name}")
