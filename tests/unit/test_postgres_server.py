"""The test PostgreSQL server itself: real, password-protected, one fresh database per test."""

from __future__ import annotations

import psycopg
import pytest
from postgres import PostgresServer


def test_fresh_database_is_empty_and_writable(postgres_url: str) -> None:
    with psycopg.connect(postgres_url) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
        conn.execute("CREATE TABLE probe (id integer)")
        conn.execute("INSERT INTO probe VALUES (1)")
        assert tables == (0,)
        assert conn.execute("SELECT id FROM probe").fetchall() == [(1,)]


def test_wrong_password_is_refused(postgres_server: PostgresServer, postgres_url: str) -> None:
    database = postgres_url.rsplit("/", 1)[1]
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(postgres_server.url(database, password="wrong"))
