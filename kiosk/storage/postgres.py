"""The repository's PostgreSQL engine: psycopg 3 behind the few sqlite-utils calls the repository makes.

Why psycopg 3 and not SQLAlchemy Core: the repository's SQL is already
portable (``INSERT``/``UPDATE``/``SELECT`` with ``?`` parameters, ``ON
CONFLICT``, ``EXISTS``, ``LIMIT``); only four column types differ, and the
shared schema spells those through :class:`~kiosk.storage.schema.Dialect`.
Rewriting 770 lines of repository in SQLAlchemy expressions would add a
dependency and a second way of writing every query for no behaviour gained.
So :class:`PostgresDatabase` offers the five sqlite-utils calls the repository
uses (``query``, ``execute``, ``table(name).insert/insert_all/update``,
``table_names``), translating ``?`` to psycopg's ``%s``, and sqlite-utils
stays the SQLite engine.

Transactions keep the SQLite guarantees. SQLite's ``BEGIN IMMEDIATE`` lets
one writer in at a time, which is what makes "is this code taken?" and "was
this person checked in a minute ago?" decisions safe. Here every write
transaction first takes one transaction-scoped advisory lock
(:data:`WRITE_LOCK_KEY`), so writers from every kiosk and workstation queue
the same way, and the lock goes with the commit or rollback. Reads run in
autocommit, so no connection holds a snapshot open between screens.

Every error that leaves this module is a one-line
:class:`~kiosk.errors.StorageError` that names the problem: an unknown host,
a refused connection, bad credentials, a missing database, a server without
TLS when ``sslmode=require`` asked for it. The password never appears in a
message (:func:`display_url`).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg
from psycopg import errors as pg_errors
from psycopg.rows import dict_row

from kiosk.errors import DatabaseBusy, DiskFull, StorageError
from kiosk.storage.schema import POSTGRESQL, Dialect
from kiosk.storage.sqlite import DEFAULT_BUSY_TIMEOUT_S

log = logging.getLogger("kiosk.storage")

#: URL schemes that name a PostgreSQL server (libpq accepts both).
URL_SCHEMES: tuple[str, ...] = ("postgresql://", "postgres://")

#: The advisory lock every write transaction takes (an arbitrary constant:
#: "kiosk" in ASCII). One lock for the whole database serialises writers
#: exactly like SQLite's single writer; kiosk writes take milliseconds.
WRITE_LOCK_KEY = 0x6B696F736B

#: How long connecting may take, in seconds, unless the URL sets
#: ``connect_timeout``. libpq waits forever by default; ten seconds covers a
#: slow VPN without leaving the admin staring at a frozen window.
DEFAULT_CONNECT_TIMEOUT_S = 10


def is_server_url(location: str | Path) -> bool:
    """True if ``location`` is a ``postgresql://`` (or ``postgres://``) URL rather than a file."""
    return isinstance(location, str) and location.strip().lower().startswith(URL_SCHEMES)


def display_url(url: str) -> str:
    """``url`` without its password (and query), for messages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    user = f"{unquote(parts.username)}@" if parts.username else ""
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, "", ""))


def server_files_base(url: str, data_dir: Path) -> Path:
    """Where a server's local companions live: its settings file and PIN key file are named after this
    path (``<base>.settings.json``, ``<base>.key``), as they are after the database file for SQLite.

    One per host, port and database, in the per-user data folder.
    """
    parts = urlsplit(url)
    database = unquote(parts.path.lstrip("/")) or "postgres"
    name = f"{parts.hostname or 'localhost'}-{parts.port or 5432}-{database}"
    return data_dir / (re.sub(r"[^A-Za-z0-9._-]", "_", name) + ".server")


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


def describe_error(where: str, error: psycopg.Error) -> StorageError:
    """A one-line :class:`StorageError` for ``error`` raised by the server at ``where``."""
    text = _one_line(error)
    lower = text.lower()
    if isinstance(error, pg_errors.LockNotAvailable | pg_errors.DeadlockDetected):
        return DatabaseBusy(f"The attendance server {where} is busy with another kiosk's change; try again.")
    if isinstance(error, pg_errors.DiskFull):
        return DiskFull(f"the attendance server {where}", "it cannot store anything until then")
    if isinstance(error, pg_errors.InsufficientPrivilege) and "row-level security" in lower:
        # The roles file's policies (schema 6): a door speaks only for itself.
        return StorageError(
            f"The attendance server {where} refused this row for the login in the URL ({text}); a door writes "
            "only once HR registers it (Doors page), only check-ins under its own device id and not in the future, "
            "and nothing for people it did not enroll."
        )
    if isinstance(error, pg_errors.InsufficientPrivilege):
        return StorageError(
            f"The attendance server {where} refused this for the role in the URL ({text}); "
            "use a role with that right (see the roles file in the README)."
        )
    if "password authentication failed" in lower or "no password supplied" in lower:
        return StorageError(
            f"The attendance server {where} refused the user name or password; check the credentials in the URL."
        )
    if "does not support ssl" in lower or ("ssl" in lower and "required" in lower):
        return StorageError(
            f"The attendance server {where} does not offer TLS, but the URL requires it (sslmode); "
            "enable TLS on the server, or change sslmode only on a trusted network."
        )
    if "could not translate host name" in lower or "name or service not known" in lower:
        return StorageError(f"The attendance server's host in {where} is unknown; check the host name in the URL.")
    if "does not exist" in lower and "database" in lower:
        return StorageError(f"The database in {where} does not exist on the server; create it or fix the URL.")
    if "connection refused" in lower or "timeout expired" in lower or "could not connect" in lower:
        return StorageError(
            f"Cannot reach the attendance server {where} (nothing answers there); "
            "check the host, port and network, and that the server is running."
        )
    if isinstance(error, psycopg.OperationalError):
        return StorageError(f"The connection to the attendance server {where} failed ({text}); try again.")
    return StorageError(f"The attendance server {where} refused the operation ({text}); try again.")


def translate_sql(sql: str) -> str:
    """sqlite-style SQL to psycopg's: ``?`` parameters become ``%s`` (a literal ``%`` is doubled),
    and ``LIKE`` becomes ``ILIKE``, which is what SQLite's ASCII-case-blind LIKE means."""
    return sql.replace("%", "%%").replace("?", "%s").replace(" LIKE ", " ILIKE ")


class PostgresTable:
    """``db.table(name)``: the sqlite-utils table calls the repository makes."""

    def __init__(self, db: PostgresDatabase, name: str) -> None:
        self.db = db
        self.name = name
        self.last_pk: int | None = None

    def insert(self, row: dict[str, Any]) -> PostgresTable:
        """Insert ``row``; its new ``id`` is in :attr:`last_pk` afterwards."""
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        found = self.db.execute(
            f"INSERT INTO {self.name} ({columns}) VALUES ({marks}) RETURNING id", list(row.values())
        ).fetchone()
        assert found is not None  # INSERT ... RETURNING always returns the row
        self.last_pk = int(found["id"])
        return self

    def insert_all(self, rows: Sequence[dict[str, Any]]) -> PostgresTable:
        for row in rows:
            self.insert(row)
        return self

    def update(self, pk: int, changes: dict[str, Any]) -> PostgresTable:
        if changes:
            assignments = ", ".join(f"{column} = ?" for column in changes)
            self.db.execute(f"UPDATE {self.name} SET {assignments} WHERE id = ?", [*changes.values(), pk])
        return self


class PostgresDatabase:
    """One psycopg connection in autocommit mode, rows as dicts, with sqlite-utils' call shapes."""

    dialect: Dialect = POSTGRESQL

    def __init__(self, conn: psycopg.Connection[dict[str, Any]]) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = None) -> psycopg.Cursor[dict[str, Any]]:
        return self.conn.execute(translate_sql(sql), parameters)

    def query(self, sql: str, params: Any = None) -> Iterator[dict[str, Any]]:
        yield from self.conn.execute(translate_sql(sql), params).fetchall()

    def table(self, name: str) -> PostgresTable:
        return PostgresTable(self, name)

    def table_names(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        ).fetchall()
        return [row["tablename"] for row in rows]

    def close(self) -> None:
        self.conn.close()


def connect(url: str, busy_timeout_s: float, *, read_only: bool = False) -> PostgresDatabase:
    """Connect to the server at ``url`` (libpq URL: host, port, user, password, database, ``sslmode``…).

    ``read_only`` makes the session itself refuse writes (exports, reports), as
    SQLite's ``query_only`` does for a file.

    ``sslmode`` and every other URL parameter go to libpq untouched, so
    ``?sslmode=require`` (or ``verify-full``) means what PostgreSQL documents.
    """
    where = display_url(url)
    options: dict[str, Any] = {}
    if "connect_timeout=" not in url:
        options["connect_timeout"] = DEFAULT_CONNECT_TIMEOUT_S
    try:
        conn = psycopg.connect(url, autocommit=True, row_factory=dict_row, **options)
    except psycopg.Error as error:
        raise describe_error(where, error) from None
    except ValueError as error:  # libpq could not parse the URL at all
        raise StorageError(f"{where} is not a valid PostgreSQL URL ({_one_line(error)}).") from None
    db = PostgresDatabase(conn)
    try:
        _set_lock_timeout(db, busy_timeout_s)
        if read_only:
            conn.execute("SET default_transaction_read_only = on")
    except psycopg.Error as error:
        conn.close()
        raise describe_error(where, error) from None
    return db


def _set_lock_timeout(db: PostgresDatabase, seconds: float) -> None:
    db.conn.execute(f"SET lock_timeout = {int(seconds * 1000)}")


class PostgresTransactions:
    """The PostgreSQL counterpart of :class:`kiosk.storage.sqlite.Transactions`.

    ``path`` is the server's URL without its password, for messages.
    """

    def __init__(
        self, db: PostgresDatabase, url: str, *, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S, read_only: bool = False
    ) -> None:
        self.db = db
        self.path = display_url(url)
        self._url = url
        self._busy_timeout_s = busy_timeout_s
        self._read_only = read_only
        self._lock = threading.RLock()

    def set_busy_timeout(self, seconds: float) -> None:
        """Wait at most ``seconds`` for another kiosk's write lock (``lock_timeout``), then raise DatabaseBusy."""
        if not seconds >= 0:
            raise ValueError(f"busy timeout must be 0 s or more, not {seconds}")
        with self._lock, self._errors():
            self._busy_timeout_s = seconds
            self._reconnect_if_lost()
            _set_lock_timeout(self.db, seconds)

    def _reconnect_if_lost(self) -> None:
        """A connection the server or the network dropped is replaced on next use, so a kiosk or
        workstation recovers by itself when the server comes back (the failed call got its
        one-line error; nothing of it was committed)."""
        if self.db.conn.closed:
            log.info("reconnecting to %s", self.path)
            self.db.conn = connect(self._url, self._busy_timeout_s, read_only=self._read_only).conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as error:
            raise describe_error(self.path, error) from error

    @contextmanager
    def reading(self) -> Iterator[PostgresDatabase]:
        """Run reads (each its own autocommit statement) under the lock; errors become StorageError."""
        with self._lock:
            self._reconnect_if_lost()
            with self._errors():
                yield self.db

    @contextmanager
    def writing(self) -> Iterator[PostgresDatabase]:
        """One transaction holding the kiosk write lock: committed on success, rolled back on any exception."""
        with self._lock:
            self._reconnect_if_lost()
            with self._errors(), self.db.conn.transaction():
                self.db.conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK_KEY])
                yield self.db

    def purge_wal(self) -> bool:
        """Nothing to do: the server keeps no file of ours. (Its own WAL and vacuum are the DBA's.)"""
        return True
