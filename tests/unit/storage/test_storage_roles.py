"""The roles file (``kiosk/security/roles.sql``) on the real server: what a kiosk and HR may and may not do."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import psycopg
import pytest
from postgres import PostgresServer

from kiosk.errors import StorageError
from kiosk.settings.specs import Settings
from kiosk.storage.location import open_repository
from kiosk.storage.models import AttendanceEvent
from kiosk.sync.company_settings import company_values, save_company_change

ROLES_SQL = Path(__file__).resolve().parents[3] / "kiosk" / "security" / "roles.sql"


def _login(server: PostgresServer, name: str, group: str) -> None:
    with server.admin() as conn:
        conn.execute(f"DROP ROLE IF EXISTS {name}")
        conn.execute(f"CREATE ROLE {name} LOGIN PASSWORD 'pw-{name}' IN ROLE {group}")


def _drop(server: PostgresServer, *names: str) -> None:
    with server.admin() as conn:
        for name in names:
            conn.execute(f"DROP ROLE IF EXISTS {name}")


def test_a_kiosk_adds_events_and_reads_the_gallery_but_cannot_delete_events_or_read_the_audit_log(
    postgres_server: PostgresServer, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    database = postgres_url.rsplit("/", 1)[1]
    with open_repository(postgres_url, "write") as owner:  # the owner creates the tables
        zhang = owner.employees.enroll("0012", "张伟", [("front", np.ones(128, dtype=np.float32))])
        owner.events.add(
            AttendanceEvent(
                None, zhang.id, "in", datetime(2026, 11, 23, 1, tzinfo=UTC), 480, 0.3, True, "face", "door-1"
            )
        )
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(ROLES_SQL.read_text())
        conn.execute(ROLES_SQL.read_text())  # again, as after an upgrade: the file is re-runnable
    door, hr = f"door_{database}", f"hr_{database}"
    _login(postgres_server, door, "kiosk_door")
    _login(postgres_server, hr, "kiosk_hr")
    try:
        hr_url = postgres_server.url(database, user=hr, password=f"pw-{hr}")
        with open_repository(hr_url, "write") as workstation:  # a door writes once HR registered it (Doors page)
            workstation.doors.register(door, "door-1", actor="hr")
        door_url = postgres_server.url(database, user=door, password=f"pw-{door}")
        with open_repository(door_url, "write") as kiosk:
            assert kiosk.templates.gallery().employee_ids.tolist() == [zhang.id]
            added = kiosk.events.add(
                AttendanceEvent(
                    None, zhang.id, "out", datetime(2026, 11, 23, 10, tzinfo=UTC), 480, 0.3, True, "face", "door-1"
                )
            )
            kiosk.audit.record("kiosk", "admin_login", "at the door")  # writing the log is allowed
            with pytest.raises(StorageError, match="permission denied"):
                kiosk.audit.entries()
            with pytest.raises(StorageError, match="permission denied"):
                kiosk.events.delete(added.id or 0, reason="hide it")
            with pytest.raises(StorageError, match="permission denied"):  # company rules are HR's
                save_company_change(kiosk, Settings(), Settings(cooldown_s=1.0), actor="door-1")
        with psycopg.connect(door_url, autocommit=True) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
                conn.execute("DELETE FROM events")
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
                conn.execute("SELECT * FROM audit_log")
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
                conn.execute("UPDATE employees SET active = 1")
            assert conn.execute("SELECT count(*) FROM events").fetchone() == (2,)

        with open_repository(hr_url, "write") as workstation:
            workstation.events.delete(added.id or 0, reason="test scan", actor="hr")
            workstation.employees.update(zhang.id, active=False, actor="hr")
            assert [e.action for e in workstation.audit.entries()][:3] == [
                "deactivate_employee", "delete_event", "admin_login"
            ]  # fmt: skip
            save_company_change(workstation, Settings(), Settings(cooldown_s=120.0), actor="hr")
            assert company_values(workstation) == {"cooldown_s": 120.0}
        with psycopg.connect(hr_url, autocommit=True) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
                conn.execute("DELETE FROM audit_log")
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="must be owner"):
                conn.execute("DROP TABLE events")
    finally:
        _drop(postgres_server, door, hr)


def test_the_roles_file_is_documented_in_the_readme() -> None:
    readme = (ROLES_SQL.parents[2] / "README.md").read_text(encoding="utf-8")
    assert "kiosk/security/roles.sql" in readme
