"""A door speaks only for itself: the roles file's row-level security on the real server (issue 19).

Each attack is made at the SQL level, as a stolen door password would make it
(psycopg straight to the server, no kiosk code in between), and must fail
with a permission error; each legitimate story still passes. HR registers
doors and decides enrollments through the repository, as the workstation does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import psycopg
import pytest
from postgres import PostgresServer

from kiosk.errors import InputError, StorageError
from kiosk.storage.enrollment_requests import RequestKind
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.postgres import PostgresTransactions, connect
from kiosk.storage.repository import Repository
from kiosk.storage.schema import migrate

ROLES_SQL = Path(__file__).resolve().parents[3] / "kiosk" / "security" / "roles.sql"
VECTOR = np.full(128, 0.05, dtype=np.float32).tobytes()
PERMISSION = "permission denied|row-level security"


@dataclass(frozen=True)
class Company:
    """A server with the roles file applied, HR's repository, and two door logins (A registered)."""

    hr: Repository
    door_a: str
    door_b: str
    url_a: str
    url_b: str
    boss_id: int


def _login(server: PostgresServer, name: str, group: str) -> None:
    with server.admin() as conn:
        conn.execute(f"DROP ROLE IF EXISTS {name}")
        conn.execute(f"CREATE ROLE {name} LOGIN PASSWORD 'pw-{name}' IN ROLE {group}")


@pytest.fixture
def company(postgres_server: PostgresServer, postgres_url: str, tmp_path: Path) -> Iterator[Company]:
    database = postgres_url.rsplit("/", 1)[1]
    Repository(postgres_url, files_base=tmp_path / "owner").close()  # the owner creates the tables
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(ROLES_SQL.read_text())
    hr_login, door_a, door_b = f"hr_{database}", f"door_a_{database}", f"door_b_{database}"
    _login(postgres_server, hr_login, "kiosk_hr")
    _login(postgres_server, door_a, "kiosk_door")
    _login(postgres_server, door_b, "kiosk_door")
    hr_url = postgres_server.url(database, user=hr_login, password=f"pw-{hr_login}")
    try:
        with Repository(hr_url, files_base=tmp_path / "hr") as hr:
            boss = hr.employees.add("BOSS", "Boss", templates=[("front", np.ones(128, dtype=np.float32))], actor="hr")
            hr.doors.register(door_a, "door-a", actor="hr")
            yield Company(
                hr, door_a, door_b,
                postgres_server.url(database, user=door_a, password=f"pw-{door_a}"),
                postgres_server.url(database, user=door_b, password=f"pw-{door_b}"),
                boss.id,
            )  # fmt: skip
    finally:
        with postgres_server.admin(database) as conn:
            for name in (hr_login, door_a, door_b):
                conn.execute(f"DROP OWNED BY {name}")
                conn.execute(f"DROP ROLE IF EXISTS {name}")


def _event(conn: psycopg.Connection, employee_id: int, device: str, at: datetime, uid: str) -> None:
    conn.execute(
        "INSERT INTO events (uid, employee_id, kind, at_utc, utc_offset_minutes, distance, live, source, device_id, "
        "note) VALUES (%s, %s, 'in', %s, 480, 0.3, 1, 'face', %s, '')",
        [uid, employee_id, at.astimezone(UTC).isoformat(timespec="microseconds"), device],
    )


def _new_employee(conn: psycopg.Connection, code: str, *, approval: str = "pending", by: str | None = None) -> int:
    row = conn.execute(
        "INSERT INTO employees (uid, code, name, created_at, enrolled_by, approval) "
        "VALUES (%s, %s, %s, '2026-12-01T00:00:00.000000+00:00', coalesce(%s, session_user), %s) RETURNING id",
        [f"uid-{code}", code, f"Person {code}", by, approval],
    ).fetchone()
    assert row is not None
    return int(row[0])


# --------------------------------------------------------------------- the attacks


def test_a_door_cannot_plant_a_face_on_an_existing_employee(company: Company) -> None:
    with psycopg.connect(company.url_a, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=PERMISSION):
            conn.execute(
                "INSERT INTO templates (uid, employee_id, angle, vector, created_at) VALUES ('t-1', %s, 'front', %s, "
                "'2026-12-01T00:00:00.000000+00:00')",
                [company.boss_id, VECTOR],
            )
        # Nor by changing the employee, nor by replacing their templates, nor by approving itself.
        for statement in (
            "UPDATE employees SET name = 'x'",
            "DELETE FROM templates",
            "UPDATE employees SET approval = 'approved'",
            "INSERT INTO doors (device_id, registered_by, registered_at) VALUES ('door-x', 'x', 'x')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=PERMISSION):
                conn.execute(statement)
    assert len(company.hr.templates.of(company.boss_id)) == 1


def test_a_door_cannot_add_a_face_to_another_doors_or_a_decided_enrollment(company: Company) -> None:
    company.hr.doors.register(company.door_b, "door-b", actor="hr")
    with psycopg.connect(company.url_b, autocommit=True) as conn:
        theirs = _new_employee(conn, "0013")
    with psycopg.connect(company.url_a, autocommit=True) as conn:
        mine = _new_employee(conn, "0012")
        conn.execute(  # its own new enrollment, still waiting: allowed
            "INSERT INTO templates (uid, employee_id, angle, vector, created_at) VALUES ('t-1', %s, 'front', %s, 'x')",
            [mine, VECTOR],
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=PERMISSION):
            conn.execute(
                "INSERT INTO templates (uid, employee_id, angle, vector, created_at) VALUES ('t-2', %s, 'front', %s, "
                "'x')",
                [theirs, VECTOR],
            )
        # Enrolling someone as already approved, or in another door's name, is refused too.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=PERMISSION):
            _new_employee(conn, "0099", approval="approved")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=PERMISSION):
            _new_employee(conn, "0098", by=company.door_b)
    [request] = [r for r in company.hr.enrollment_requests.pending() if r.code == "0012"]
    company.hr.enrollment_requests.approve(request, actor="hr")
    # Decided: a new face for them is a request now.
    with psycopg.connect(company.url_a, autocommit=True) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO templates (uid, employee_id, angle, vector, created_at) VALUES ('t-3', %s, 'front', %s, 'x')",
            [mine, VECTOR],
        )


def test_a_door_cannot_check_in_under_another_doors_device_id(company: Company) -> None:
    yesterday = datetime.now(UTC) - timedelta(days=1)
    with psycopg.connect(company.url_a, autocommit=True) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        _event(conn, company.boss_id, "door-b", yesterday, "ev-1")
    assert company.hr.events.with_uid("ev-1") is None


def test_a_door_cannot_date_a_check_in_a_day_ahead_but_may_send_yesterdays_late(company: Company) -> None:
    now = datetime.now(UTC)
    with psycopg.connect(company.url_a, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=PERMISSION):
            _event(conn, company.boss_id, "door-a", now + timedelta(days=1), "ev-1")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=PERMISSION):
            _event(conn, company.boss_id, "door-a", now + timedelta(minutes=6), "ev-2")
        _event(conn, company.boss_id, "door-a", now + timedelta(minutes=4), "ev-3")  # a kiosk clock a little fast
        _event(conn, company.boss_id, "door-a", now - timedelta(days=1), "ev-4")  # an offline kiosk, a day late
    assert [company.hr.events.with_uid(uid) is not None for uid in ("ev-1", "ev-2", "ev-3", "ev-4")] == [
        False, False, True, True,
    ]  # fmt: skip


def test_an_unregistered_door_reads_the_gallery_and_writes_nothing(company: Company, tmp_path: Path) -> None:
    with psycopg.connect(company.url_b, autocommit=True) as conn:
        assert conn.execute("SELECT code FROM employees").fetchall() == [("BOSS",)]
        assert conn.execute("SELECT count(*) FROM templates").fetchone() == (1,)
        assert conn.execute("SELECT login_role, is_door, door_device FROM kiosk_login()").fetchone() == (
            company.door_b, True, None,
        )  # fmt: skip
        attempts = {
            "a check-in": lambda: _event(conn, company.boss_id, "door-b", datetime.now(UTC), "ev-1"),
            "a new person": lambda: _new_employee(conn, "0013"),
            "an audit entry": lambda: conn.execute(
                "INSERT INTO audit_log (at_utc, actor, action, detail) VALUES ('x', 'door-b', 'x', 'x')"
            ),
            "a re-enrollment request": lambda: conn.execute(
                "INSERT INTO reenrollment_requests (fingerprint, employee_id, requested_by, device_id, requested_at, "
                "name) VALUES ('f', %s, session_user, 'door-b', 'x', 'x')",
                [company.boss_id],
            ),
        }
        for what, attempt in attempts.items():
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=PERMISSION):
                attempt()
                pytest.fail(f"an unregistered door wrote {what}")
    # Through the kiosk's own code too: one line naming the refusal, nothing written.
    event = AttendanceEvent(None, company.boss_id, "in", datetime.now(UTC), 480, 0.3, True, "face", "door-b")
    with (
        Repository(company.url_b, files_base=tmp_path / "door-b") as kiosk,
        pytest.raises(StorageError, match="row-level"),
    ):
        kiosk.events.add(event)
    assert company.hr.audit.entries()[0].action == "register_door"


def test_a_removed_door_stops_writing_at_once(company: Company) -> None:
    company.hr.doors.remove("door-a", reason="kiosk stolen", actor="hr")
    with psycopg.connect(company.url_a, autocommit=True) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        _event(conn, company.boss_id, "door-a", datetime.now(UTC), "ev-1")
    [entry] = [e for e in company.hr.audit.entries() if e.action == "remove_door"]
    hr_login = "hr_" + company.door_a.split("_", 2)[2]
    assert entry.detail == f"door-a: login {company.door_a}, by {hr_login}; reason: kiosk stolen"


# --------------------------------------------------------------------- HR's side


def test_hr_registers_doors_and_refuses_what_is_not_a_door(company: Company) -> None:
    doors = company.hr.doors
    assert [(d.device_id, d.role_name, d.confirmed) for d in doors.all()] == [("door-a", company.door_a, True)]
    assert doors.candidates().logins == [company.door_b]
    with pytest.raises(InputError, match="already the door door-a"):
        doors.register(company.door_a, "door-b", actor="hr")
    with pytest.raises(InputError, match="already the door of"):
        doors.register(company.door_b, "door-a", actor="hr")
    with pytest.raises(InputError, match="no door login nobody_here"):
        doors.register("nobody_here", "door-c", actor="hr")
    with pytest.raises(InputError, match="not a login name"):
        doors.register("x; DROP TABLE events", "door-c", actor="hr")
    door_b = doors.register(company.door_b, "door-b", actor="hr")
    assert door_b.confirmed and door_b.registered_by.startswith("hr_")
    assert doors.candidates().logins == []


def test_an_enrollment_request_shows_who_which_door_when_and_the_consent_and_each_decision_is_audited(
    company: Company,
) -> None:
    with psycopg.connect(company.url_a, autocommit=True) as conn:
        approved = _new_employee(conn, "0012")
        rejected = _new_employee(conn, "0013")
        conn.execute(
            "INSERT INTO templates (uid, employee_id, angle, vector, created_at) VALUES ('t-1', %s, 'front', %s, 'x')",
            [rejected, VECTOR],
        )
    requests = {r.code: r for r in company.hr.enrollment_requests.pending()}
    assert set(requests) == {"0012", "0013"}
    first = requests["0012"]
    assert (first.kind, first.name, first.door_login, first.device_id, first.consent_at) == (
        RequestKind.NEW, "Person 0012", company.door_a, "door-a", None,
    )  # fmt: skip
    assert first.requested_at == datetime(2026, 12, 1, tzinfo=UTC)
    company.hr.enrollment_requests.approve(first, actor="hr")
    with pytest.raises(InputError, match="reason"):
        company.hr.enrollment_requests.reject(requests["0013"], reason=" ", actor="hr")
    company.hr.enrollment_requests.reject(requests["0013"], reason="not our employee", actor="hr")
    with pytest.raises(InputError, match="already decided"):
        company.hr.enrollment_requests.approve(requests["0013"], actor="hr")
    assert company.hr.enrollment_requests.pending() == []
    zhang, stranger = company.hr.employees.get(approved), company.hr.employees.get(rejected)
    assert zhang is not None and zhang.active and stranger is not None and not stranger.active
    assert company.hr.templates.of(rejected) == []
    actions = {e.action: e.detail for e in company.hr.audit.entries()}
    assert actions["approve_enrollment"].startswith(f"0012 'Person 0012': enrolled on door-a (login {company.door_a})")
    assert "no consent recorded" in actions["approve_enrollment"]
    assert actions["reject_enrollment"].endswith("1 templates erased; reason: not our employee")
    # The other door sees the approved person now, never the rejected one.
    company.hr.doors.register(company.door_b, "door-b", actor="hr")
    with psycopg.connect(company.url_b, autocommit=True) as conn:
        assert sorted(code for (code,) in conn.execute("SELECT code FROM employees")) == ["0012", "BOSS"]


# --------------------------------------------------------------------- existing installations


def test_doors_seen_in_events_before_the_upgrade_are_listed_for_hr_to_confirm(
    postgres_url: str, tmp_path: Path
) -> None:
    tx = PostgresTransactions(connect(postgres_url, 5.0), postgres_url)
    migrate(tx, target=5)
    with tx.writing() as db:
        db.execute("INSERT INTO employees (code, name, created_at, uid) VALUES ('0012', '张伟', 'now', 'e-1')")
        for number, (device, source) in enumerate(
            [("kiosk-north", "face"), ("kiosk-south", "pin"), ("kiosk-north", "face"), ("admin", "manual")]
        ):
            db.execute(
                "INSERT INTO events (employee_id, kind, at_utc, utc_offset_minutes, distance, live, source, device_id, "
                "note, uid) VALUES (1, 'in', ?, 480, NULL, 0, ?, ?, '', ?)",
                [f"2026-11-2{number}T00:31:00.000000+00:00", source, device, f"ev-{number}"],
            )
    tx.db.close()
    with Repository(postgres_url, files_base=tmp_path / "hr") as hr:  # the upgrade
        assert [(d.device_id, d.role_name, d.confirmed, d.registered_by) for d in hr.doors.all()] == [
            ("kiosk-north", None, False, "upgrade"), ("kiosk-south", None, False, "upgrade"),
        ]  # fmt: skip
        assert hr.doors.candidates().device_ids == ["kiosk-north", "kiosk-south"]
        zhang = hr.employees.find("0012")
        assert zhang is not None and hr.enrollment_requests.pending() == []  # everyone before is approved


def test_doors_and_requests_live_on_the_server_only(repo: Repository) -> None:
    with pytest.raises(InputError, match="company server"):
        repo.doors.all()
    with pytest.raises(InputError, match="company server"):
        repo.enrollment_requests.pending()


def test_a_reenrollment_request_changes_the_person_only_once_hr_approves_it(company: Company) -> None:
    with psycopg.connect(company.url_a, autocommit=True) as conn:
        [(request_id,)] = conn.execute(
            "INSERT INTO reenrollment_requests (fingerprint, employee_id, requested_by, device_id, requested_at, "
            "name, department) VALUES ('fp-1', %s, session_user, 'door-a', '2026-12-01T00:00:00.000000+00:00', "
            "'Boss', 'Board') RETURNING id",
            [company.boss_id],
        ).fetchall()
        conn.execute(
            "INSERT INTO reenrollment_templates (request_id, uid, angle, vector, created_at) "
            "VALUES (%s, 't-new', 'front', %s, 'x')",
            [request_id, VECTOR],
        )
        # Not in another door's name, nor under another device id.
        insert = (
            "INSERT INTO reenrollment_requests (fingerprint, employee_id, requested_by, device_id, requested_at, name) "
            "VALUES ('fp-2', %s, %s, %s, 'x', 'x')"
        )
        for requested_by, device in ((company.door_b, "door-a"), (company.door_a, "door-b")):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=PERMISSION):
                conn.execute(insert, [company.boss_id, requested_by, device])
    assert company.hr.templates.of(company.boss_id)[0][1].tolist() == [1.0] * 128  # nothing changed yet
    [request] = company.hr.enrollment_requests.pending()
    assert (request.kind, request.code, request.current_name, request.templates) == (
        RequestKind.REENROLL, "BOSS", "Boss", 1,
    )  # fmt: skip
    company.hr.enrollment_requests.approve(request, actor="hr")
    [(angle, vector)] = company.hr.templates.of(company.boss_id)
    assert angle == "front" and vector.tobytes() == VECTOR
    boss = company.hr.employees.get(company.boss_id)
    assert boss is not None and boss.department == "Board"
    assert company.hr.audit.entries()[0].action == "approve_reenrollment"
