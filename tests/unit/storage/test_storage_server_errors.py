"""A server that cannot be used gets one line naming the problem, a non-zero exit, and nothing written.

Each case runs ``kiosk export --db URL`` in-process against the session's
real PostgreSQL server (or a port where nothing listens).
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from postgres import PostgresServer, free_port

from kiosk.cli.main import main
from kiosk.storage.location import open_repository
from kiosk.storage.schema import SCHEMA_VERSION


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-user folder (where a server's settings and key files go) inside tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("KIOSK_DB", raising=False)


def _export(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    out = tmp_path / "out.csv"
    code = main(["export", "--db", url, "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out)])
    err = capsys.readouterr().err
    assert not out.exists()  # nothing half-written
    return code, err


def _tables(server: PostgresServer, database: str) -> list[str]:
    with server.admin(database) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").fetchall()
    return [row[0] for row in rows]


def _case(server: PostgresServer, database: str, case: str) -> str:
    """The URL for one broken set-up (the database is fresh and empty)."""
    if case == "unknown host":
        return server.url(database, host="no-such-host.invalid")
    if case == "nothing listening":
        return server.url(database, port=free_port())
    if case == "bad credentials":
        return server.url(database, password="not-the-password")
    if case == "missing database":
        return server.url(database + "_missing")
    if case == "sslmode=require without TLS":
        return server.url(database, sslmode="require")
    url = server.url(database)
    if case == "newer schema":
        with open_repository(url, "write"):
            pass
        with server.admin(database) as conn:
            conn.execute("UPDATE kiosk_schema SET version = %s", [SCHEMA_VERSION + 1])
    elif case == "another program's database":
        with server.admin(database) as conn:
            conn.execute("CREATE TABLE invoices (id integer)")
    return url


CASES = {
    "unknown host": "host in postgresql://kiosk_test_admin@no-such-host.invalid",
    "nothing listening": "Cannot reach the attendance server",
    "bad credentials": "refused the user name or password",
    "missing database": "does not exist on the server",
    "sslmode=require without TLS": "does not offer TLS, but the URL requires it",
    "newer schema": f"written by a newer kiosk (schema {SCHEMA_VERSION + 1}",
    "another program's database": "a PostgreSQL database from another program",
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_server_that_cannot_be_used_gets_one_line_naming_it(
    case: str, postgres_server: PostgresServer, postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = postgres_url.rsplit("/", 1)[1]
    url = _case(postgres_server, database, case)
    before = _tables(postgres_server, database)
    code, err = _export(url, tmp_path, capsys)
    assert code != 0
    assert err.count("\n") == 1 and err.startswith("kiosk: error: ")
    assert CASES[case] in err, err
    assert postgres_server.password not in err and "not-the-password" not in err
    assert _tables(postgres_server, database) == before


def test_a_writable_open_creates_the_schema_and_a_read_only_one_then_exports(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The good path through the same command: the owner's first open creates the tables."""
    code, err = _export(postgres_url, tmp_path, capsys)
    assert code != 0 and "is empty, not a kiosk database" in err  # read-only never creates
    with open_repository(postgres_url, "write") as repo:
        repo.employees.add("0012", "张伟")
    out = tmp_path / "out.csv"
    assert main(["export", "--db", postgres_url, "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").count("\n") == 1  # the header: no events yet
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT version FROM kiosk_schema").fetchall() == [(SCHEMA_VERSION,)]
