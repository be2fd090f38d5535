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

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from kiosk.errors import InputError
from kiosk.settings.merge import POLICY_PREFIX
from kiosk.storage.models import parse_utc, utc_text
from kiosk.storage.repository import UPSERT_SETTING_SQL, Repository
from kiosk.storage.schema import SENDING_EVENTS_KEY
from kiosk.storage.sqlite import Transactions
from kiosk.sync.company_settings import machine_settings_for, merge_pulled
from kiosk.sync.device import generated_device_id
from kiosk.sync.pin_key_check import PinKeyProblem, describe, pin_key_problem
from kiosk.sync.server import _EMPLOYEE_FIELDS, Server, ServerRefused, _fingerprint, _plain

log = logging.getLogger("kiosk.sync")

EVENTS_CURSOR_KEY = "sync.events_cursor"
"""Local setting: the server transaction id below which every event change was pulled."""
LAST_SYNC_KEY = "sync.last_success_utc"
"""Local setting: when the last round finished (UTC text), for the kiosk's status line."""
LOCAL_ONLY_PREFIX = "sync."
"""Settings whose key starts with this belong to one kiosk and never travel."""

PUSH_BATCH = 500
"""Events sent per server transaction: big enough that a day offline (a few
thousand events) takes a handful of round trips, small enough that a kill
mid-round loses little work (the batch is simply sent again)."""

_EVENT_FIELDS = ("kind", "at_utc", "utc_offset_minutes", "distance", "live", "source", "device_id", "note")


_MARK_PUSHED = "INSERT OR IGNORE INTO sync_pushed_events (uid) VALUES (?)"


@dataclass(frozen=True)
class SyncResult:
    """What one round did: ``pushed`` local events the server now holds (confirmed
    this round), ``pulled`` local rows changed from the server (employees,
    events, removals, settings), ``pending`` local events still not on the server.
    ``pin_key_problem``: why PINs shared with the server cannot be checked here
    (:mod:`kiosk.pin_key_check`; logged as a warning), or ``None``."""

    pushed: int
    pulled: int
    pending: int
    employees_pushed: int = 0
    pin_key_problem: PinKeyProblem | None = None

    def to_json(self) -> dict[str, int]:
        """The ``kiosk sync --json`` line."""
        return {"pushed": self.pushed, "pulled": self.pulled, "pending": self.pending}


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


# --------------------------------------------------------------------- local side


def _local(local: Repository) -> Transactions:
    """The kiosk's own SQLite file (the sync tables come with schema version 4)."""
    if not isinstance(local._tx, Transactions):
        raise InputError("The kiosk's own database must be a file; give the server with --server.")
    return local._tx


@contextmanager
def _local_writing(local: Repository) -> Iterator[sqlite_utils.Database]:
    """One local write transaction."""
    with _local(local).writing() as db:
        yield db


def sync_status(local: Repository) -> SyncStatus:
    """Last sync time and the events still waiting, read from the local database only."""
    with _local(local).reading() as db:
        count, oldest = db.execute(
            "SELECT count(*), min(at_utc) FROM events WHERE uid NOT IN (SELECT uid FROM sync_pushed_events)"
        ).fetchone()
    last = local.get_setting(LAST_SYNC_KEY)
    return SyncStatus(parse_utc(last), int(count), parse_utc(oldest))


def _local_employees(db: sqlite_utils.Database) -> dict[str, tuple[dict[str, Any], str]]:
    """uid -> (row, fingerprint) for every local employee."""
    templates: dict[int, list[str]] = {}
    for employee_id, template_uid in db.execute("SELECT employee_id, uid FROM templates"):
        templates.setdefault(employee_id, []).append(template_uid)
    return {
        row["uid"]: (row, _fingerprint(row, templates.get(row["id"], [])))
        for row in db.query("SELECT * FROM employees")
    }


# --------------------------------------------------------------------- server side


# --------------------------------------------------------------------- one round


def sync_once(local: Repository, server: Server, *, clock: Callable[[], datetime] | None = None) -> SyncResult:
    """Run one round (see the module docstring) and return what it did.

    Raises :class:`StorageError` if the server goes away mid-round; every
    step already committed stays committed on both sides, and the next round
    carries on from there.
    """
    now = clock or (lambda: datetime.now(UTC))
    device = generated_device_id(local)
    theirs = server.employees()
    employees_pushed = _push_employees(local, server, device, theirs)
    pushed = _push_events(local, server)
    # The server's staff list is read again only if this round changed it.
    pulled = _pull_employees(local, server, server.employees() if employees_pushed else theirs)
    pulled += _pull_events(local, server)
    pulled += _pull_settings(local, server, utc_text(now()))
    with _local_writing(local) as db:
        db.execute(UPSERT_SETTING_SQL, [LAST_SYNC_KEY, utc_text(now())])
    pending = sync_status(local).pending
    log.info("sync with %s: %d events pushed, %d rows pulled, %d pending", server.name, pushed, pulled, pending)
    problem = pin_key_problem(local, server)
    if problem is not None:
        log.warning("%s", describe(problem, local))  # every round, while it lasts: `kiosk sync` shows it on stderr
    return SyncResult(
        pushed=pushed, pulled=pulled, pending=pending, employees_pushed=employees_pushed, pin_key_problem=problem
    )


def _agreed(db: sqlite_utils.Database) -> dict[str, tuple[str, str]]:
    return {uid: (local_fp, server_fp) for uid, local_fp, server_fp in db.execute("SELECT * FROM sync_employees")}


def _push_employees(
    local: Repository, server: Server, device: str, theirs: dict[str, tuple[dict[str, Any], str]]
) -> int:
    """Send employees changed on this kiosk (and not on the server meanwhile); return how many went."""
    with _local(local).reading() as db:
        mine = _local_employees(db)
        agreed = _agreed(db)
    # Deactivations belong to the server, and so does erasing a former employee's face
    # there; a kiosk's own retention pass erasing its copy is no news to send.
    changed = [
        uid
        for uid, (row, local_fp) in mine.items()
        if (uid not in agreed or agreed[uid][0] != local_fp) and row["active"]
    ]
    sent = 0
    for uid in changed:
        row, local_fp = mine[uid]
        if uid in theirs and theirs[uid][1] == local_fp:
            continue  # sent by a round that was cut off before it recorded the agreement: the pull does
        if uid in theirs and (uid not in agreed or agreed[uid][1] != theirs[uid][1]):
            # Changed on both sides (or first contact with both copies present): the server
            # is authoritative, and the pull below overwrites the local copy.
            log.warning("employee %s changed on this kiosk and on the server; keeping the server's", row["code"])
            continue
        if _send_employee(local, server, row, device, uid in theirs):
            sent += 1
    return sent


def _send_employee(local: Repository, server: Server, row: dict[str, Any], device: str, on_server: bool) -> bool:
    """Add (or, ``on_server``, update) one employee and replace their templates on the server, one transaction.

    A refusal (another employee has the code; the kiosk's role may only add
    staff) is logged and the employee stays local, to be tried again next round.
    """
    with _local(local).reading() as db:
        templates = [
            (template_uid, angle, bytes(vector), created_at)
            for template_uid, angle, vector, created_at in db.execute(
                "SELECT uid, angle, vector, created_at FROM templates WHERE employee_id = ? ORDER BY id", [row["id"]]
            )
        ]
    values = [row[name] for name in _EMPLOYEE_FIELDS]
    try:
        with server.transaction() as cursor:
            if on_server:
                # A re-enrollment at this door: needs a role that may change staff (kiosk_door may only add).
                changed = [name for name in _EMPLOYEE_FIELDS if name != "created_at"]
                cursor.execute(
                    f"UPDATE employees SET {', '.join(f'{name} = %s' for name in changed)} WHERE uid = %s RETURNING id",
                    [row[name] for name in changed] + [row["uid"]],
                )
            else:
                cursor.execute(
                    f"INSERT INTO employees (uid, {', '.join(_EMPLOYEE_FIELDS)}) "
                    f"VALUES (%s, {', '.join(['%s'] * len(_EMPLOYEE_FIELDS))}) RETURNING id",
                    [row["uid"], *values],
                )
            fetched = cursor.fetchone()
            assert fetched is not None
            server_id = fetched[0]
            if on_server:
                cursor.execute("DELETE FROM templates WHERE employee_id = %s", [server_id])
            cursor.executemany(
                "INSERT INTO templates (uid, employee_id, angle, vector, created_at) VALUES (%s, %s, %s, %s, %s)",
                [(template_uid, server_id, angle, vector, at) for template_uid, angle, vector, at in templates],
            )
            cursor.execute(
                "INSERT INTO audit_log (at_utc, actor, action, detail) VALUES (%s, %s, %s, %s)",
                [
                    utc_text(datetime.now(UTC)),
                    device,
                    "sync_employee",
                    f"{row['code']}: enrolled on {device}, {len(templates)} templates",
                ],
            )
    except ServerRefused as refused:
        log.warning("employee %s stays on this kiosk only: %s", row["code"], refused)
        return False
    return True


def _push_events(local: Repository, server: Server) -> int:
    """Send local events the server has not confirmed; return how many it confirmed this round."""
    confirmed = 0
    refused: list[str] = []
    while True:
        with _local_writing(local) as db:
            batch = list(
                db.query(
                    "SELECT ev.uid, e.uid AS employee_uid, "
                    + ", ".join(f"ev.{name}" for name in _EVENT_FIELDS)
                    + " FROM events ev JOIN employees e ON e.id = ev.employee_id "
                    "WHERE ev.uid NOT IN (SELECT uid FROM sync_pushed_events) "
                    "AND ev.uid NOT IN (SELECT value FROM json_each(?)) ORDER BY ev.id LIMIT ?",
                    [json.dumps(refused), PUSH_BATCH],
                )
            )
            # From here until the server confirms them they may be on the server, so the kiosk's
            # corrections page refuses to change them (what is read here is what is sent). A list
            # left by a round that was cut off goes now: those events are in this batch or confirmed.
            if batch:
                db.execute(UPSERT_SETTING_SQL, [SENDING_EVENTS_KEY, json.dumps([row["uid"] for row in batch])])
            else:
                db.execute("DELETE FROM settings WHERE key = ?", [SENDING_EVENTS_KEY])
        if not batch:
            return confirmed
        uids = [row["uid"] for row in batch]
        with server.transaction() as cursor:
            cursor.executemany(
                f"INSERT INTO events (uid, employee_id, {', '.join(_EVENT_FIELDS)}) "
                f"SELECT %s, e.id, {', '.join(['%s'] * len(_EVENT_FIELDS))} FROM employees e WHERE e.uid = %s "
                # An event the HR workstation already removed (sent, committed, then
                # corrected before this kiosk heard back) is not brought back.
                "AND NOT EXISTS (SELECT 1 FROM event_removals r WHERE r.uid = %s) "
                "ON CONFLICT (uid) DO NOTHING",
                [
                    [row["uid"]] + [row[name] for name in _EVENT_FIELDS] + [row["employee_uid"], row["uid"]]
                    for row in batch
                ],
            )
            cursor.execute(
                "SELECT uid FROM events WHERE uid = ANY(%s) UNION SELECT uid FROM event_removals WHERE uid = ANY(%s)",
                [uids, uids],
            )
            on_server = {str(uid) for (uid,) in cursor.fetchall()}
        # Only after the server committed: a kill before this line sends the batch again.
        with _local_writing(local) as db:
            db.conn.executemany(_MARK_PUSHED, [(uid,) for uid in on_server])
            db.execute("DELETE FROM settings WHERE key = ?", [SENDING_EVENTS_KEY])
        confirmed += len(on_server)
        missing = [uid for uid in uids if uid not in on_server]
        if missing:
            # Their employee is not on the server (a code clash kept them back): they stay
            # pending, and the kiosk warns once they have waited too long.
            log.warning("%d events wait for their employee to reach the server", len(missing))
            refused += missing


def _pull_employees(local: Repository, server: Server, theirs: dict[str, tuple[dict[str, Any], str]]) -> int:
    """Bring every employee whose server copy moved since the last agreement; return how many changed here.

    The whole batch is one local transaction. An employee re-enrolled on this
    kiosk while the round ran (their local fingerprint moved again) is left
    for the next round to push.
    """
    with _local(local).reading() as db:
        mine = _local_employees(db)
        agreed = _agreed(db)
    wanted = [
        uid
        for uid, (_row, server_fp) in theirs.items()
        # Only what the server changed: a local change it has not taken yet stays, to be sent again.
        if uid not in agreed or agreed[uid][1] != server_fp or uid not in mine
    ]
    if not wanted:
        return 0
    vectors = server.templates_of([theirs[uid][0]["id"] for uid in wanted])
    changed = 0
    with _local_writing(local) as db:
        now_mine = _local_employees(db)
        for uid in wanted:
            row, server_fp = theirs[uid]
            before = now_mine.get(uid)
            if before is not None and uid in mine and before[1] != mine[uid][1]:
                continue  # changed here during this round: pushed next round
            templates = vectors[row["id"]]
            local_id = _store_employee(db, row, before[0]["id"] if before else None, templates)
            if local_id is None:
                continue
            local_fp = _fingerprint({name: _plain(row[name]) for name in _EMPLOYEE_FIELDS}, [t[0] for t in templates])
            db.execute(
                "INSERT INTO sync_employees (uid, local_fp, server_fp) VALUES (?, ?, ?) "
                "ON CONFLICT(uid) DO UPDATE SET local_fp = excluded.local_fp, server_fp = excluded.server_fp",
                [uid, local_fp, server_fp],
            )
            if before is None or before[1] != local_fp:
                changed += 1
                log.info("employee %s updated from the server", row["code"])
    if changed:
        _local(local).purge_wal()  # replaced templates and PIN hashes leave no old copies in the WAL
    return changed


def _store_employee(
    db: sqlite_utils.Database, row: dict[str, Any], local_id: int | None, templates: list[tuple[str, str, bytes, str]]
) -> int | None:
    """Write the server's copy of one employee and their templates; return the local id (None if refused)."""
    values = {name: _plain(row[name]) for name in _EMPLOYEE_FIELDS}
    try:
        if local_id is None:
            cursor = db.execute(
                f"INSERT INTO employees (uid, {', '.join(values)}) VALUES (?, {', '.join('?' * len(values))})",
                [row["uid"], *values.values()],
            )
            local_id = int(cursor.lastrowid or 0)
        else:
            db.execute(
                f"UPDATE employees SET {', '.join(f'{name} = ?' for name in values)} WHERE id = ?",
                [*values.values(), local_id],
            )
    except sqlite3.IntegrityError:
        # Another employee here holds the code: enrolled on this kiosk and refused by the
        # server. Theirs stays until an admin resolves it; the log says so every round.
        log.warning("employee %s from the server clashes with a local employee's code; not copied", row["code"])
        return None
    current = [uid for (uid,) in db.execute("SELECT uid FROM templates WHERE employee_id = ? ORDER BY id", [local_id])]
    if current != [t[0] for t in templates]:
        db.execute("DELETE FROM templates WHERE employee_id = ?", [local_id])
        db.conn.executemany(
            "INSERT INTO templates (uid, employee_id, angle, vector, created_at) VALUES (?, ?, ?, ?, ?)",
            [(template_uid, local_id, angle, vector, at) for template_uid, angle, vector, at in templates],
        )
    return local_id


def _pull_events(local: Repository, server: Server) -> int:
    """Apply event inserts, corrections and removals made on the server since the cursor."""
    since = int(local.get_setting(EVENTS_CURSOR_KEY) or 0)
    with server.transaction() as cursor:
        # Read first: every transaction older than this had committed, so its rows are seen below.
        cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        fetched = cursor.fetchone()
        assert fetched is not None
        next_cursor = int(fetched[0])
        cursor.execute(
            "SELECT ev.uid, e.uid AS employee_uid, "
            + ", ".join(f"ev.{name}" for name in _EVENT_FIELDS)
            + " FROM events ev JOIN employees e ON e.id = ev.employee_id WHERE ev.change_xid >= %s",
            [since],
        )
        names = [column.name for column in cursor.description or ()]
        rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
        cursor.execute("SELECT uid FROM event_removals WHERE change_xid >= %s", [since])
        removed = [uid for (uid,) in cursor.fetchall()]
    changed = 0
    with _local_writing(local) as db:
        employee_ids = dict(db.execute("SELECT uid, id FROM employees").fetchall())
        for row in rows:
            employee_id = employee_ids.get(row["employee_uid"])
            if employee_id is None:
                log.warning("event %s belongs to an employee this kiosk does not have; skipped", row["uid"])
                continue
            values = [_plain(row[name]) for name in _EVENT_FIELDS]
            written = db.execute(
                f"INSERT INTO events (uid, employee_id, {', '.join(_EVENT_FIELDS)}) "
                f"VALUES (?, ?, {', '.join('?' * len(_EVENT_FIELDS))}) "
                "ON CONFLICT(uid) DO UPDATE SET employee_id = excluded.employee_id, "
                + ", ".join(f"{name} = excluded.{name}" for name in _EVENT_FIELDS)
                + " WHERE "
                + " OR ".join(f"{name} IS NOT excluded.{name}" for name in ("employee_id", *_EVENT_FIELDS)),
                [row["uid"], employee_id, *values],
            )
            changed += written.rowcount
        db.conn.executemany(_MARK_PUSHED, [(row["uid"],) for row in rows])
        for uid in removed:
            changed += db.execute("DELETE FROM events WHERE uid = ?", [uid]).rowcount
            db.execute("DELETE FROM sync_pushed_events WHERE uid = ?", [uid])
        db.execute(UPSERT_SETTING_SQL, [EVENTS_CURSOR_KEY, str(next_cursor)])
    return changed


def _pull_settings(local: Repository, server: Server, at_utc: str) -> int:
    """Copy the server's stored settings (such as the admin PIN hash); kiosk-only keys stay.

    Company-wide settings (``policy.*``) are checked and audited on the way in
    (:func:`kiosk.company_settings.merge_pulled`); ``at_utc`` stamps those audit entries.
    """
    with server.transaction() as cursor:
        cursor.execute("SELECT key, value FROM settings WHERE key NOT LIKE %s", [LOCAL_ONLY_PREFIX + "%"])
        rows = cursor.fetchall()
    policy = {key: value for key, value in rows if key.startswith(POLICY_PREFIX)}
    rows = [(key, value) for key, value in rows if key not in policy]
    changed = 0
    with _local_writing(local) as db:
        changed += merge_pulled(db, policy, lambda: machine_settings_for(local.path), at_utc, server.name)
        for key, value in rows:
            changed += db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value",
                [key, value],
            ).rowcount
    return changed
