"""A kiosk file's side of syncing with a server: ``repo.sync_state`` reads and writes it, one transaction a step.

:mod:`kiosk.sync` decides what travels and talks to the server; everything a
round reads or writes in the kiosk's own SQLite file goes through here. Each
method is one local transaction (or one read), so a ``kill -9`` between two
of them leaves the file consistent and the next round carries on:

* employees both ways: :meth:`SyncState.employee_snapshot` (the local copies and
  the last agreement), :meth:`SyncState.templates_to_send`, and
  :meth:`SyncState.store_pulled_employees` (the server's copies, each with its
  new agreement, in one transaction);
* events up: :meth:`SyncState.start_sending` (a batch, recorded as being
  sent), then, once the server committed, :meth:`SyncState.finish_sending`;
* events down: :meth:`SyncState.events_cursor` and
  :meth:`SyncState.apply_pulled_events` (changes, removals and the new cursor together);
* settings down: :meth:`SyncState.store_pulled_settings`;
* the screen's line: :meth:`SyncState.record_success` and :meth:`SyncState.status`.

The bookkeeping tables (schema version 4): ``sync_pushed_events`` lists the
uids the server confirmed it holds (or sent down); ``sync_employees`` keeps,
per employee uid, the fingerprints of the local and the server copy when the
two last agreed (:func:`employee_fingerprint`). Keys starting ``sync.`` in
the ``settings`` table belong to this kiosk and never travel.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kiosk.errors import InputError
from kiosk.storage.models import parse_utc, utc_text
from kiosk.storage.schema import SENDING_EVENTS_KEY
from kiosk.storage.settings_table import UPSERT_SETTING_SQL
from kiosk.storage.sqlite import SqliteDatabase, Transactions
from kiosk.storage.tables import Tables

EVENTS_CURSOR_KEY = "sync.events_cursor"
"""Local setting: the server transaction id below which every event change was pulled."""
LAST_SYNC_KEY = "sync.last_success_utc"
"""Local setting: when the last round finished (UTC text), for the kiosk's status line."""

EMPLOYEE_FIELDS = ("code", "name", "department", "active", "consent_at", "created_at", "pin_hash", "deactivated_at")
"""The employee columns that travel (besides ``uid``), in the order both sides fingerprint them."""
EVENT_FIELDS = ("kind", "at_utc", "utc_offset_minutes", "distance", "live", "source", "device_id", "note", "flags")
"""The event columns that travel (besides ``uid`` and the employee's ``uid``): a punch's ``clock_suspect``
goes up with it, and HR's confirmation (the flag cleared on the server) comes down like a correction."""
SERVER_CLOCK_KEY = "sync.server_clock_offset_s"
"""Local setting: the server's clock minus this kiosk's at the last round, in seconds (see
:meth:`SyncState.record_server_clock`)."""

TemplateCopy = tuple[str, str, bytes, str]
"""One template as it travels: (uid, angle, float32 bytes, created_at)."""

_MARK_PUSHED = "INSERT OR IGNORE INTO sync_pushed_events (uid) VALUES (?)"


def local_value(value: Any) -> Any:
    """A server value as the kiosk's file stores it (timestamps as our UTC text, booleans as 0/1)."""
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, bool):
        return int(value)
    return value


def employee_fingerprint(row: Mapping[str, Any], template_uids: Sequence[str]) -> str:
    """One employee as both sides can compute it: their :data:`EMPLOYEE_FIELDS` and which templates they have.

    Templates are named by their ``uid`` (every enrollment makes new ones), so
    neither side has to read the vectors to notice a re-enrollment.
    """
    values = [local_value(row.get(name)) for name in EMPLOYEE_FIELDS] + sorted(template_uids)
    return hashlib.sha256(json.dumps(values).encode()).hexdigest()


@dataclass(frozen=True)
class SyncStatus:
    """What the kiosk screen shows: when the last round finished (UTC, ``None``
    if never), how many events wait, and the time of the oldest waiting one."""

    last_success_at: datetime | None
    pending: int
    oldest_pending_at: datetime | None

    def waited_s(self, now: datetime) -> float:
        """Seconds the oldest waiting event has waited at ``now`` (0 when none waits)."""
        if self.oldest_pending_at is None:
            return 0.0
        return max(0.0, (now - self.oldest_pending_at).total_seconds())


@dataclass(frozen=True)
class LocalEmployee:
    """An employee as this kiosk's file holds them: the ``employees`` row and its :func:`employee_fingerprint`."""

    row: Mapping[str, Any]
    fingerprint: str

    @property
    def id(self) -> int:
        return int(self.row["id"])

    @property
    def code(self) -> str:
        return str(self.row["code"])

    @property
    def active(self) -> bool:
        return bool(self.row["active"])


@dataclass(frozen=True)
class Agreement:
    """The fingerprints of an employee's local and server copy when the two last agreed."""

    local: str
    server: str


@dataclass(frozen=True)
class EmployeeSnapshot:
    """Every local employee (by uid) and every agreement (by uid), read together."""

    mine: dict[str, LocalEmployee]
    agreed: dict[str, Agreement]


@dataclass(frozen=True)
class PulledEmployee:
    """The server's copy of one employee: its row (``uid`` and :data:`EMPLOYEE_FIELDS`, server
    types), its server fingerprint and its templates in stored order."""

    row: Mapping[str, Any]
    server_fingerprint: str
    templates: Sequence[TemplateCopy]

    @property
    def uid(self) -> str:
        return str(self.row["uid"])


@dataclass(frozen=True)
class StoredEmployees:
    """What :meth:`SyncState.store_pulled_employees` did: the codes of the employees whose
    local copy changed, and of those not copied because a local employee holds their code."""

    updated: list[str]
    clashed: list[str]


@dataclass(frozen=True)
class TravellingEvent:
    """An event as it travels between a kiosk and its server: its ``uid``, its employee's
    ``uid`` and the :data:`EVENT_FIELDS` (as the kiosk's file stores them)."""

    uid: str
    employee_uid: str
    kind: str
    at_utc: str
    utc_offset_minutes: int
    distance: float | None
    live: int
    source: str
    device_id: str
    note: str
    flags: str = ""

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> TravellingEvent:
        """An event from a row naming ``uid``, ``employee_uid`` and the :data:`EVENT_FIELDS`
        (a server's values converted with :func:`local_value`)."""
        return cls(str(row["uid"]), str(row["employee_uid"]), *(local_value(row[name]) for name in EVENT_FIELDS))

    def values(self) -> tuple[Any, ...]:
        """The :data:`EVENT_FIELDS`, in that order."""
        return tuple(getattr(self, name) for name in EVENT_FIELDS)


@dataclass(frozen=True)
class AppliedEvents:
    """What :meth:`SyncState.apply_pulled_events` did: local rows changed (inserted, corrected
    or removed), and the uids of events skipped because their employee is not in this file."""

    changed: int
    orphaned: list[str]


@dataclass(frozen=True)
class SettingsUpdate:
    """Company-wide settings to bring in: values to store by key, keys to remove, and one
    ``change_setting`` audit detail per change worth telling (see :meth:`SyncState.store_pulled_settings`)."""

    values: Mapping[str, str] = field(default_factory=dict)
    removed: Sequence[str] = ()
    audit_details: Sequence[str] = ()

    @property
    def changed(self) -> int:
        """How many settings this update changes."""
        return len(self.values) + len(self.removed)


class SyncState:
    """A kiosk file's sync bookkeeping (``repo.sync_state``); every method refuses a server database
    with :class:`~kiosk.errors.InputError`: only a kiosk's own file syncs with a server."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def _file(self) -> Transactions:
        tx = self._tables.tx
        if not isinstance(tx, Transactions):
            raise InputError("The kiosk's own database must be a file; give the server with --server.")
        return tx

    # ----------------------------------------------------------------- the status line

    def status(self) -> SyncStatus:
        """When the last round finished and the events still waiting, from this file only."""
        with self._file().reading() as db:
            count, oldest = db.execute(
                "SELECT count(*), min(at_utc) FROM events WHERE uid NOT IN (SELECT uid FROM sync_pushed_events)"
            ).fetchone()
            last = db.execute("SELECT value FROM settings WHERE key = ?", [LAST_SYNC_KEY]).fetchone()
        return SyncStatus(parse_utc(last[0] if last else None), int(count), parse_utc(oldest))

    def record_success(self, at: datetime) -> None:
        """Remember ``at`` (aware) as the end of the last successful round (one transaction)."""
        with self._file().writing() as db:
            db.execute(UPSERT_SETTING_SQL, [LAST_SYNC_KEY, utc_text(at)])

    def record_server_clock(self, offset_s: float) -> None:
        """Remember how far the server's clock was ahead of this kiosk's at this round (seconds,
        negative when behind), for :mod:`kiosk.attendance.clock_check` (one transaction)."""
        with self._file().writing() as db:
            db.execute(UPSERT_SETTING_SQL, [SERVER_CLOCK_KEY, f"{offset_s:.3f}"])

    def server_clock_offset(self) -> float | None:
        """The offset :meth:`record_server_clock` kept last; ``None`` if no round measured one, and on a
        server database (which is the server's clock itself)."""
        if not isinstance(self._tables.tx, Transactions):
            return None
        with self._file().reading() as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", [SERVER_CLOCK_KEY]).fetchone()
        return float(row[0]) if row else None

    # ----------------------------------------------------------------- employees

    def employee_snapshot(self) -> EmployeeSnapshot:
        """Every local employee with their fingerprint, and every agreement, read together."""
        with self._file().reading() as db:
            mine = _local_employees(db)
            agreed = {
                uid: Agreement(local_fp, server_fp)
                for uid, local_fp, server_fp in db.execute("SELECT uid, local_fp, server_fp FROM sync_employees")
            }
        return EmployeeSnapshot(mine, agreed)

    def templates_to_send(self, employee_id: int) -> list[TemplateCopy]:
        """The local employee's templates as they travel, in stored order."""
        with self._file().reading() as db:
            return [
                (template_uid, angle, bytes(vector), created_at)
                for template_uid, angle, vector, created_at in db.execute(
                    "SELECT uid, angle, vector, created_at FROM templates WHERE employee_id = ? ORDER BY id",
                    [employee_id],
                )
            ]

    def store_pulled_employees(
        self, pulled: Sequence[PulledEmployee], seen: Mapping[str, LocalEmployee]
    ) -> StoredEmployees:
        """Write the server's copies over the local ones and record each new agreement, all in one transaction.

        ``seen`` is the local side as read before the server was asked
        (:meth:`employee_snapshot`): an employee whose local copy changed since
        (re-enrolled here while the round ran) is left alone, for the next round
        to push. One whose code a different local employee holds is not copied
        (:attr:`StoredEmployees.clashed`). When any copy changed, the WAL is
        purged afterwards, so replaced templates and PIN hashes leave no old copies.
        """
        updated: list[str] = []
        clashed: list[str] = []
        with self._file().writing() as db:
            now_mine = _local_employees(db)
            for employee in pulled:
                before = now_mine.get(employee.uid)
                if before is not None and employee.uid in seen and before.fingerprint != seen[employee.uid].fingerprint:
                    continue
                local_id = _store_employee(db, employee, before.id if before else None)
                if local_id is None:
                    clashed.append(str(employee.row["code"]))
                    continue
                local_fp = employee_fingerprint(
                    {name: local_value(employee.row[name]) for name in EMPLOYEE_FIELDS},
                    [template[0] for template in employee.templates],
                )
                db.execute(
                    "INSERT INTO sync_employees (uid, local_fp, server_fp) VALUES (?, ?, ?) "
                    "ON CONFLICT(uid) DO UPDATE SET local_fp = excluded.local_fp, server_fp = excluded.server_fp",
                    [employee.uid, local_fp, employee.server_fingerprint],
                )
                if before is None or before.fingerprint != local_fp:
                    updated.append(str(employee.row["code"]))
        if updated:
            self._file().purge_wal()
        return StoredEmployees(updated, clashed)

    # ----------------------------------------------------------------- events up

    def start_sending(self, limit: int, held_back: Collection[str] = ()) -> list[TravellingEvent]:
        """The next ``limit`` events the server has not confirmed (oldest first, none of ``held_back``),
        recorded as being sent in the same transaction.

        From then until :meth:`finish_sending` they may be on the server, so
        :meth:`~kiosk.storage.events.Events.update` refuses to change them
        (:data:`~kiosk.storage.schema.SENDING_EVENTS_KEY`): what is read here is
        what is sent. An empty batch clears a list left by a round that was cut off.
        """
        with self._file().writing() as db:
            batch = [
                TravellingEvent.from_row(row)
                for row in db.query(
                    "SELECT ev.uid, e.uid AS employee_uid, "
                    + ", ".join(f"ev.{name}" for name in EVENT_FIELDS)
                    + " FROM events ev JOIN employees e ON e.id = ev.employee_id "
                    "WHERE ev.uid NOT IN (SELECT uid FROM sync_pushed_events) "
                    "AND ev.uid NOT IN (SELECT value FROM json_each(?)) ORDER BY ev.id LIMIT ?",
                    [json.dumps(list(held_back)), limit],
                )
            ]
            if batch:
                db.execute(UPSERT_SETTING_SQL, [SENDING_EVENTS_KEY, json.dumps([event.uid for event in batch])])
            else:
                db.execute("DELETE FROM settings WHERE key = ?", [SENDING_EVENTS_KEY])
        return batch

    def finish_sending(self, confirmed: Collection[str]) -> None:
        """Record the uids the server ``confirmed`` it holds, and end the sending list, in one transaction.

        Call only after the server committed: a kill before this sends the batch again.
        """
        with self._file().writing() as db:
            db.conn.executemany(_MARK_PUSHED, [(uid,) for uid in confirmed])
            db.execute("DELETE FROM settings WHERE key = ?", [SENDING_EVENTS_KEY])

    # ----------------------------------------------------------------- events down

    def events_cursor(self) -> int:
        """The server transaction id from which event changes are still to be pulled (0 at first)."""
        with self._file().reading() as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", [EVENTS_CURSOR_KEY]).fetchone()
        return int(row[0]) if row and row[0] else 0

    def apply_pulled_events(
        self, events: Sequence[TravellingEvent], removed_uids: Sequence[str], next_cursor: int
    ) -> AppliedEvents:
        """Insert or correct ``events``, delete ``removed_uids`` and move the cursor to ``next_cursor``,
        all in one transaction (applying the same changes twice changes nothing).

        Every pulled event counts as held by the server (its corrections are
        HR's now). An event whose employee this file does not have is skipped
        (:attr:`AppliedEvents.orphaned`).
        """
        changed = 0
        orphaned: list[str] = []
        with self._file().writing() as db:
            employee_ids = dict(db.execute("SELECT uid, id FROM employees").fetchall())
            for event in events:
                employee_id = employee_ids.get(event.employee_uid)
                if employee_id is None:
                    orphaned.append(event.uid)
                    continue
                written = db.execute(
                    f"INSERT INTO events (uid, employee_id, {', '.join(EVENT_FIELDS)}) "
                    f"VALUES (?, ?, {', '.join('?' * len(EVENT_FIELDS))}) "
                    "ON CONFLICT(uid) DO UPDATE SET employee_id = excluded.employee_id, "
                    + ", ".join(f"{name} = excluded.{name}" for name in EVENT_FIELDS)
                    + " WHERE "
                    + " OR ".join(f"{name} IS NOT excluded.{name}" for name in ("employee_id", *EVENT_FIELDS)),
                    [event.uid, employee_id, *event.values()],
                )
                changed += written.rowcount
            db.conn.executemany(_MARK_PUSHED, [(event.uid,) for event in events])
            for uid in removed_uids:
                changed += db.execute("DELETE FROM events WHERE uid = ?", [uid]).rowcount
                db.execute("DELETE FROM sync_pushed_events WHERE uid = ?", [uid])
            db.execute(UPSERT_SETTING_SQL, [EVENTS_CURSOR_KEY, str(next_cursor)])
        return AppliedEvents(changed, orphaned)

    # ----------------------------------------------------------------- settings down

    def store_pulled_settings(
        self,
        rows: Mapping[str, str],
        *,
        merged_prefix: str,
        merge: Callable[[dict[str, str]], SettingsUpdate],
        actor: str,
        at_utc: str,
    ) -> int:
        """Bring settings from the server into this file in one transaction; return how many changed.

        Keys starting ``merged_prefix`` are not copied as they are: ``merge``
        gets the ones stored here (inside the transaction, so what it decides
        from is what it replaces) and returns the :class:`SettingsUpdate` to
        apply, each audit detail written as a ``change_setting`` entry by
        ``actor`` at ``at_utc`` (UTC text). ``rows`` (the other keys) are stored
        as they are; a value already held counts as no change.
        """
        with self._file().writing() as db:
            stored = {
                str(key): str(value)
                for key, value in db.execute(
                    "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?", [len(merged_prefix), merged_prefix]
                )
            }
            update = merge(stored)
            for key, value in update.values.items():
                db.execute(UPSERT_SETTING_SQL, [key, value])
            for key in update.removed:
                db.execute("DELETE FROM settings WHERE key = ?", [key])
            for detail in update.audit_details:
                db.execute(
                    "INSERT INTO audit_log (at_utc, actor, action, detail) VALUES (?, ?, ?, ?)",
                    [at_utc, actor, "change_setting", detail],
                )
            changed = update.changed
            for key, value in rows.items():
                changed += db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value",
                    [key, value],
                ).rowcount
        return changed


# --------------------------------------------------------------------- inside a transaction


def _local_employees(db: SqliteDatabase) -> dict[str, LocalEmployee]:
    """uid -> employee (row and fingerprint) for every local employee."""
    templates: dict[int, list[str]] = {}
    for employee_id, template_uid in db.execute("SELECT employee_id, uid FROM templates"):
        templates.setdefault(employee_id, []).append(template_uid)
    return {
        row["uid"]: LocalEmployee(row, employee_fingerprint(row, templates.get(row["id"], [])))
        for row in db.query("SELECT * FROM employees")
    }


def _store_employee(db: SqliteDatabase, employee: PulledEmployee, local_id: int | None) -> int | None:
    """Write the server's copy of one employee and their templates; return the local id (None if refused)."""
    values = {name: local_value(employee.row[name]) for name in EMPLOYEE_FIELDS}
    try:
        if local_id is None:
            cursor = db.execute(
                f"INSERT INTO employees (uid, {', '.join(values)}) VALUES (?, {', '.join('?' * len(values))})",
                [employee.uid, *values.values()],
            )
            local_id = int(cursor.lastrowid or 0)
        else:
            db.execute(
                f"UPDATE employees SET {', '.join(f'{name} = ?' for name in values)} WHERE id = ?",
                [*values.values(), local_id],
            )
    except sqlite3.IntegrityError:
        # Another employee here holds the code: enrolled on this kiosk and refused by the
        # server. Theirs stays until an admin resolves it; the round says so every time.
        return None
    template_uids = [template[0] for template in employee.templates]
    current = [uid for (uid,) in db.execute("SELECT uid FROM templates WHERE employee_id = ? ORDER BY id", [local_id])]
    if current != template_uids:
        db.execute("DELETE FROM templates WHERE employee_id = ?", [local_id])
        db.conn.executemany(
            "INSERT INTO templates (uid, employee_id, angle, vector, created_at) VALUES (?, ?, ?, ?, ?)",
            [(template_uid, local_id, angle, vector, at) for template_uid, angle, vector, at in employee.templates],
        )
    return local_id
