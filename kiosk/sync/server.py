"""The server end of a sync round: the company's PostgreSQL server, through one psycopg connection.

Every SQL statement a round runs against the server lives in :mod:`kiosk.sync`
(this module, :mod:`kiosk.sync.round` and :mod:`kiosk.sync.door`); everything it reads or writes in
the kiosk's own file goes through :attr:`Repository.sync_state
<kiosk.storage.sync_state.SyncState>`. :func:`open_server` connects and checks
the schema version; :class:`Server` answers the round's questions, one server
transaction each.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.rows import tuple_row

from kiosk.errors import InputError, StorageError
from kiosk.storage.schema import FINGERPRINT_SETTING, require_current
from kiosk.storage.sqlite import DEFAULT_BUSY_TIMEOUT_S
from kiosk.storage.sync_state import EMPLOYEE_FIELDS, TemplateCopy, employee_fingerprint

log = logging.getLogger("kiosk.sync")

ServerEmployees = dict[str, tuple[dict[str, Any], str]]
"""Every employee on the server: uid -> (row with ``id``, ``uid`` and the travelling fields, server fingerprint)."""


@dataclass(frozen=True)
class ServerPinKey:
    """What a server says about its PIN key: whether it holds any keyed PIN hash (admin or
    personal), and the fingerprint of the key they are made with (``None`` if none is recorded)."""

    holds_keyed_hashes: bool
    fingerprint: str | None


@dataclass(frozen=True)
class DoorLogin:
    """Who a round is on the server: the ``login`` role, whether it is a door's (a member of
    ``kiosk_door``), and the device id HR registered for it (``None``: not registered)."""

    login: str
    is_door: bool
    device_id: str | None

    @property
    def may_write(self) -> bool:
        """False for a door login HR has not registered: the server lets it read, and write nothing."""
        return not self.is_door or self.device_id is not None


class ServerRefused(StorageError):
    """The server refused one row (a code another employee holds, a right the kiosk's role lacks);
    the rest of the round goes on."""


class Server:
    """The server end of a round: PostgreSQL through one psycopg connection.

    Every method is one server transaction; psycopg errors become one-line
    :class:`StorageError`\\ s naming the server, never a traceback.
    """

    def __init__(self, conn: psycopg.Connection[Any], name: str) -> None:
        self.conn = conn
        self.name = name

    def close(self) -> None:
        """Close the connection (a round's work is committed step by step, nothing waits here)."""
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Cursor[Any]]:
        """One server transaction with a cursor returning plain tuples."""
        from kiosk.storage.postgres import describe_error

        try:
            with self.conn.transaction(), self.conn.cursor(row_factory=tuple_row) as cursor:
                yield cursor
        except (pg_errors.UniqueViolation, pg_errors.InsufficientPrivilege) as error:
            raise ServerRefused(describe_error(self.name, error)) from None
        except psycopg.Error as error:
            raise describe_error(self.name, error) from None

    def login(self) -> DoorLogin:
        """Who this connection is, from the server's ``kiosk_login()`` (schema version 6), so a round
        sends only what the server will take as this door (:mod:`kiosk.sync.door`)."""
        with self.transaction() as cursor:
            cursor.execute("SELECT login_role, is_door, door_device FROM kiosk_login()")
            fetched = cursor.fetchone()
        assert fetched is not None
        return DoorLogin(str(fetched[0]), bool(fetched[1]), fetched[2])

    def latest_event_time(self) -> datetime:
        """The latest time a door may date a check-in now: the server's clock plus its allowance
        (``kiosk_latest_event_time()``, the function the roles file's policy checks with)."""
        with self.transaction() as cursor:
            cursor.execute("SELECT kiosk_latest_event_time()")
            fetched = cursor.fetchone()
        assert fetched is not None and isinstance(fetched[0], datetime)
        return fetched[0]

    def employees(self) -> ServerEmployees:
        """uid -> (row, server fingerprint) for every employee on the server (no vectors)."""
        with self.transaction() as cursor:
            cursor.execute(f"SELECT id, uid, {', '.join(EMPLOYEE_FIELDS)} FROM employees")
            names = [column.name for column in cursor.description or ()]
            rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
            cursor.execute("SELECT employee_id, uid FROM templates")
            templates: dict[int, list[str]] = {}
            for employee_id, template_uid in cursor:
                templates.setdefault(employee_id, []).append(template_uid)
        return {row["uid"]: (row, employee_fingerprint(row, templates.get(row["id"], []))) for row in rows}

    def templates_of(self, employee_ids: Sequence[int]) -> dict[int, list[TemplateCopy]]:
        """Server employee id -> [(uid, angle, float32 bytes, created_at)] in stored order."""
        found: dict[int, list[TemplateCopy]] = {employee_id: [] for employee_id in employee_ids}
        if not employee_ids:
            return found
        with self.transaction() as cursor:
            cursor.execute(
                "SELECT employee_id, uid, angle, vector, created_at FROM templates "
                "WHERE employee_id = ANY(%s) ORDER BY id",
                [list(employee_ids)],
            )
            for employee_id, template_uid, angle, vector, created_at in cursor:
                found[employee_id].append((template_uid, angle, bytes(vector), created_at))
        return found

    def pin_key(self, keyed_scheme: str) -> ServerPinKey:
        """Whether the server holds PIN hashes of ``keyed_scheme`` (text starting ``<scheme>$``, see
        :data:`kiosk.security.hashing.KEYED_SCHEME`) and its recorded key fingerprint, read together.

        Two small reads and no hash travels: a round asks this every minute at every door.
        """
        prefix = keyed_scheme + "$"
        with self.transaction() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM settings WHERE substr(value, 1, %s) = %s) "
                "OR EXISTS (SELECT 1 FROM employees WHERE substr(pin_hash, 1, %s) = %s)",
                [len(prefix), prefix, len(prefix), prefix],
            )
            keyed = cursor.fetchone()
            cursor.execute("SELECT value FROM settings WHERE key = %s", [FINGERPRINT_SETTING])
            recorded = cursor.fetchone()
        return ServerPinKey(bool(keyed and keyed[0]), str(recorded[0]) if recorded is not None else None)


def open_server(url: str) -> Server:
    """Connect to the server at ``url`` (``postgresql://…``) and check it holds this kiosk's schema version.

    Every failure is one :class:`StorageError` line naming the problem (a
    wrong URL, bad credentials, no TLS when ``sslmode`` requires it, a server
    of another schema version: :mod:`kiosk.storage.postgres`), without the
    password. A kiosk never migrates the server: that is the owner's job
    (``kiosk admin --db URL``). Nothing local is touched before this returns.
    """
    from kiosk.storage.postgres import PostgresTransactions, connect, display_url, is_server_url

    if not is_server_url(url):
        raise InputError("The server must be a postgresql:// URL (see the README's 'Several doors'); got a file name.")
    db = connect(url, DEFAULT_BUSY_TIMEOUT_S)
    try:
        require_current(PostgresTransactions(db, url))
    except BaseException:
        db.close()
        raise
    return Server(db.conn, display_url(url))
