"""The kiosk app on a PostgreSQL server: the vision thread's engine gets its own connection to it."""

from __future__ import annotations

from pathlib import Path

from clocks import FakeClock
from postgres import PostgresServer

from kiosk.settings.specs import Settings
from kiosk.storage.location import DatabaseLocation
from kiosk.storage.repository import Repository
from kiosk.ui.app import engine_opener


def test_the_engine_opens_its_own_connection_to_the_same_server(
    postgres_server: PostgresServer, postgres_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    base = tmp_path / "office.server"
    database = postgres_url.rsplit("/", 1)[1]

    def connections() -> int:
        with postgres_server.admin() as admin:
            row = admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [database]).fetchone()
        return int(row[0]) if row else 0

    with Repository(postgres_url, files_base=base) as gui_repo:
        gui_repo.employees.add("0012", "张伟")
        open_engine = engine_opener(DatabaseLocation(base, postgres_url), Settings, clock, asynchronous=False)
        assert connections() == 1
        with open_engine():
            assert connections() == 2
        assert connections() == 1
