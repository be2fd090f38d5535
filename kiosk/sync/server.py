"""One offline-first sync round between a kiosk's local SQLite database and the company server.

The kiosk always works from its local file; this module copies what changed
in either direction when the server can be reached. Nothing here imports Qt:
``kiosk sync`` and the kiosk's background worker both call :func:`sync_once`.

What travels, in this order (one round):

1. **Employees enrolled or re-enrolled on this kiosk** go up, with their
   templates, unless the server changed that employee too since the last
   agreement: the server is authoritative for employees and wins.
2. **Events** go up, append-only. Each carries its global ``uid`` and the
   kiosk's ``device_id``; the server inserts with ``ON CONFLICT (uid) DO
   NOTHING``, and the kiosk marks an event pushed only after the server
   committed and confirmed it holds that uid. A ``kill -9`` between the two
   commits only means the event is sent again next round, and counted once.
   An event being sent or already sent can no longer be corrected at the
   kiosk (:meth:`~kiosk.storage.repository.Repository.update_event`); one
   corrected before is sent as corrected, one deleted before is never sent.
3. **Employees, templates and PIN hashes** come down whenever the server's
   copy differs from the last one agreed (a deactivation on the HR
   workstation reaches every kiosk this way).
4. **Events and their corrections** come down from the server's change feed
   (``change_xid``, see :mod:`kiosk.storage.schema`): new events from other
   doors, corrected times and kinds, and removals.
5. **Settings** stored in the server's ``settings`` table (the admin PIN
   hash, and HR's company-wide settings, see :mod:`kiosk.company_settings`)
   come down.

How it knows what changed, without home-made clocks:

* *Events up*: a local ``sync_pushed_events`` table lists the uids the server
  has confirmed. Pending = local events not in it.
* *Employees both ways*: a three-way comparison. ``sync_employees`` keeps,
  per employee uid, a fingerprint of the local copy and of the server copy
  as they were when the two last agreed. A local fingerprint that moved means
  a local change (push); a server fingerprint that moved means a server
  change (pull; the server wins when both moved).
* *Events down*: the server stamps every inserted or updated event with the
  id of the transaction that wrote it (``change_xid``) and every deleted one
  in ``event_removals``. A round reads the oldest transaction still running
  (``pg_snapshot_xmin``) *before* it reads changes and keeps that as its
  cursor: everything older is committed and was seen; anything newer is
  read again next round (applying it twice changes nothing). A sequence
  number would skip a row whose transaction commits after a later one.

Every local step is one SQLite transaction and every server step one
PostgreSQL transaction, so a crash anywhere leaves both sides consistent and
the next round finishes the job.

Last, a round checks that this kiosk can verify the PIN hashes it shares with
the server (:mod:`kiosk.pin_key_check`): a missing PIN key file, or another
key than the server's, is a warning in the log, on ``kiosk sync``'s stderr
and on the kiosk screen, instead of every employee hearing "wrong PIN".
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.rows import tuple_row

from kiosk.errors import InputError, StorageError
from kiosk.storage.models import utc_text
from kiosk.storage.schema import require_current
from kiosk.storage.sqlite import DEFAULT_BUSY_TIMEOUT_S

log = logging.getLogger("kiosk.sync")


# --------------------------------------------------------------------- local side


# --------------------------------------------------------------------- server side


_EMPLOYEE_FIELDS = ("code", "name", "department", "active", "consent_at", "created_at", "pin_hash", "deactivated_at")


def _plain(value: Any) -> Any:
    """A server value as the local file stores it (timestamps as our UTC text, booleans as 0/1)."""
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, bool):
        return int(value)
    return value


def _fingerprint(row: dict[str, Any], template_uids: Sequence[str]) -> str:
    """One employee as both sides can compute it: their details and which templates they have.

    Templates are named by their ``uid`` (every enrollment makes new ones), so
    neither side has to read the vectors to notice a re-enrollment.
    """
    values = [_plain(row.get(name)) for name in _EMPLOYEE_FIELDS] + sorted(template_uids)
    return hashlib.sha256(json.dumps(values).encode()).hexdigest()



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

    def employees(self) -> dict[str, tuple[dict[str, Any], str]]:
        """uid -> (row, server fingerprint) for every employee on the server (no vectors)."""
        with self.transaction() as cursor:
            cursor.execute(f"SELECT id, uid, {', '.join(_EMPLOYEE_FIELDS)} FROM employees")
            names = [column.name for column in cursor.description or ()]
            rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
            cursor.execute("SELECT employee_id, uid FROM templates")
            templates: dict[int, list[str]] = {}
            for employee_id, template_uid in cursor:
                templates.setdefault(employee_id, []).append(template_uid)
        return {row["uid"]: (row, _fingerprint(row, templates.get(row["id"], []))) for row in rows}

    def templates_of(self, employee_ids: Sequence[int]) -> dict[int, list[tuple[str, str, bytes, str]]]:
        """Server employee id -> [(uid, angle, float32 bytes, created_at)] in stored order."""
        found: dict[int, list[tuple[str, str, bytes, str]]] = {employee_id: [] for employee_id in employee_ids}
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


# --------------------------------------------------------------------- one round


