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
   kiosk (:meth:`~kiosk.storage.events.Events.update`); one
   corrected before is sent as corrected, one deleted before is never sent.
3. **Employees, templates and PIN hashes** come down whenever the server's
   copy differs from the last one agreed (a deactivation on the HR
   workstation reaches every kiosk this way).
4. **Events and their corrections** come down from the server's change feed
   (``change_xid``, see :mod:`kiosk.storage.schema`): new events from other
   doors, corrected times and kinds, and removals.
5. **Settings** stored in the server's ``settings`` table (the admin PIN
   hash, and HR's company-wide settings, see :mod:`kiosk.sync.company_settings`)
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

Every local step is one SQLite transaction, one method of the file's
:class:`~kiosk.storage.sync_state.SyncState` (``local.sync_state``), and every
server step one PostgreSQL transaction (the SQL below and in
:mod:`kiosk.sync.server`), so a crash anywhere leaves both sides consistent
and the next round finishes the job.

As a door (a login in the server's ``kiosk_door`` group), a round sends
only what the server's row-level security will take (:mod:`kiosk.sync.door`):
nothing until HR registered the login as a door (the round still brings the
gallery down, then stops with one line naming the login), check-ins only
under the registered device id and not dated ahead of the server's clock
(the others wait here, with a warning), new people as enrollments waiting for
HR's approval, and a re-enrollment as a request for HR.

Last, a round checks that this kiosk can verify the PIN hashes it shares with
the server (:mod:`kiosk.sync.pin_key_check`): a missing PIN key file, or another
key than the server's, is a warning in the log, on ``kiosk sync``'s stderr
and on the kiosk screen, instead of every employee hearing "wrong PIN".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kiosk.settings.merge import POLICY_PREFIX
from kiosk.storage.models import parse_utc, utc_text
from kiosk.storage.repository import Repository
from kiosk.storage.sync_state import (
    EMPLOYEE_FIELDS,
    EVENT_FIELDS,
    LocalEmployee,
    PulledEmployee,
    SyncStatus,
    TravellingEvent,
)
from kiosk.sync.company_settings import SERVER_ACTOR, machine_settings_for, merge_pulled
from kiosk.sync.device import event_device_id
from kiosk.sync.door import DoorRefused, door_problem, send_reenrollment_request
from kiosk.sync.pin_key_check import PinKeyProblem, describe, pin_key_problem
from kiosk.sync.server import DoorLogin, Server, ServerEmployees, ServerRefused
from kiosk.sync.server_clock import measure_server_clock

__all__ = ["PUSH_BATCH", "SyncResult", "SyncStatus", "sync_once", "sync_status"]

log = logging.getLogger("kiosk.sync")

LOCAL_ONLY_PREFIX = "sync."
"""Settings whose key starts with this belong to one kiosk and never travel."""

PUSH_BATCH = 500
"""Events sent per server transaction: big enough that a day offline (a few
thousand events) takes a handful of round trips, small enough that a kill
mid-round loses little work (the batch is simply sent again)."""


@dataclass(frozen=True)
class SyncResult:
    """What one round did: ``pushed`` local events the server now holds (confirmed
    this round), ``pulled`` local rows changed from the server (employees,
    events, removals, settings), ``pending`` local events still not on the server.
    ``pin_key_problem``: why PINs shared with the server cannot be checked here
    (:mod:`kiosk.sync.pin_key_check`; logged as a warning), or ``None``."""

    pushed: int
    pulled: int
    pending: int
    employees_pushed: int = 0
    pin_key_problem: PinKeyProblem | None = None

    def to_json(self) -> dict[str, int]:
        """The ``kiosk sync --json`` line."""
        return {"pushed": self.pushed, "pulled": self.pulled, "pending": self.pending}


def sync_status(local: Repository) -> SyncStatus:
    """Last sync time and the events still waiting, read from the local database only."""
    return local.sync_state.status()


# --------------------------------------------------------------------- one round


def sync_once(local: Repository, server: Server, *, clock: Callable[[], datetime] | None = None) -> SyncResult:
    """Run one round (see the module docstring) and return what it did.

    Raises :class:`StorageError` if the server goes away mid-round; every
    step already committed stays committed on both sides, and the next round
    carries on from there. Raises :class:`~kiosk.sync.door.DoorRefused` (one
    line naming the login) after bringing everything down when this kiosk's
    door login is not registered, or is registered under another device id.
    """
    now = clock or (lambda: datetime.now(UTC))
    door = server.login()
    # The id this kiosk's own check-ins carry: the admin's name for it, else the generated one.
    device = event_device_id(local, machine_settings_for(local.path).device_id)
    measure_server_clock(local, server, now)  # kiosk.attendance.clock_check flags a clock 2 min off
    theirs = server.employees()
    employees_pushed = pushed = 0
    if door.may_write:
        employees_pushed = _push_employees(local, server, door, device, theirs)
        pushed = _push_events(local, server, door)
    # The server's staff list is read again only if this round changed it.
    pulled = _pull_employees(local, server, server.employees() if employees_pushed else theirs)
    pulled += _pull_events(local, server)
    pulled += _pull_settings(local, server, utc_text(now()))
    problem = pin_key_problem(local, server)
    if problem is not None:
        log.warning("%s", describe(problem, local))  # every round, while it lasts: `kiosk sync` shows it on stderr
    refused = door_problem(door, device)
    if refused is not None:
        raise DoorRefused(refused)  # the gallery came down; what this door recorded waits here
    local.sync_state.record_success(now())
    pending = sync_status(local).pending
    log.info("sync with %s: %d events pushed, %d rows pulled, %d pending", server.name, pushed, pulled, pending)
    return SyncResult(
        pushed=pushed, pulled=pulled, pending=pending, employees_pushed=employees_pushed, pin_key_problem=problem
    )


def _push_employees(local: Repository, server: Server, door: DoorLogin, device: str, theirs: ServerEmployees) -> int:
    """Send employees changed on this kiosk (and not on the server meanwhile); return how many went.

    As a door, a new person goes as an enrollment waiting for HR, and a change to someone already
    on the server as a request (:func:`~kiosk.sync.door.send_reenrollment_request`), not counted here.
    """
    snapshot = local.sync_state.employee_snapshot()
    mine, agreed = snapshot.mine, snapshot.agreed
    # Deactivations belong to the server, and so does erasing a former employee's face
    # there; a kiosk's own retention pass erasing its copy is no news to send.
    changed = [
        uid
        for uid, employee in mine.items()
        if (uid not in agreed or agreed[uid].local != employee.fingerprint) and employee.active
    ]
    sent = 0
    for uid in changed:
        employee = mine[uid]
        if uid in theirs and theirs[uid][1] == employee.fingerprint:
            continue  # sent by a round that was cut off before it recorded the agreement: the pull does
        if uid in theirs and (uid not in agreed or agreed[uid].server != theirs[uid][1]):
            # Changed on both sides (or first contact with both copies present): the server
            # is authoritative, and the pull below overwrites the local copy.
            log.warning("employee %s changed on this kiosk and on the server; keeping the server's", employee.code)
            continue
        if door.is_door and uid in theirs:
            send_reenrollment_request(local, server, employee, theirs[uid][0], device)
            continue
        if _send_employee(local, server, employee, device, uid in theirs, for_approval=door.is_door):
            sent += 1
    return sent


def _send_employee(
    local: Repository, server: Server, employee: LocalEmployee, device: str, on_server: bool, *, for_approval: bool
) -> bool:
    """Add (or, ``on_server``, update) one employee and replace their templates on the server, one transaction.

    ``for_approval`` (a door's login) adds them as this login's enrollment waiting for HR: the
    server shows them to this door only until HR approves. A refusal (another employee has the
    code; the kiosk's role may only add staff) is logged and the employee stays local, to be tried
    again next round.
    """
    templates = local.sync_state.templates_to_send(employee.id)
    row: dict[str, Any] = dict(employee.row)
    values = [row[name] for name in EMPLOYEE_FIELDS]
    try:
        with server.transaction() as cursor:
            if on_server:
                # A re-enrollment at this door: needs a role that may change staff (kiosk_door may only add).
                changed = [name for name in EMPLOYEE_FIELDS if name != "created_at"]
                cursor.execute(
                    f"UPDATE employees SET {', '.join(f'{name} = %s' for name in changed)} WHERE uid = %s RETURNING id",
                    [row[name] for name in changed] + [row["uid"]],
                )
            else:
                waiting = ", enrolled_by, approval" if for_approval else ""
                marks = ", session_user, 'pending'" if for_approval else ""
                cursor.execute(
                    f"INSERT INTO employees (uid, {', '.join(EMPLOYEE_FIELDS)}{waiting}) "
                    f"VALUES (%s, {', '.join(['%s'] * len(EMPLOYEE_FIELDS))}{marks}) RETURNING id",
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
                    f"{row['code']}: enrolled on {device}, {len(templates)} templates"
                    + ("; waiting for HR's approval" if for_approval else ""),
                ],
            )
    except ServerRefused as refused:
        log.warning("employee %s stays on this kiosk only: %s", row["code"], refused)
        return False
    return True


def _push_events(local: Repository, server: Server, door: DoorLogin) -> int:
    """Send local events the server has not confirmed; return how many it confirmed this round.

    As a door, only events under its registered device id and dated at most the server's
    allowance ahead of its clock go; the others stay here, with one warning per round.
    """
    confirmed = 0
    refused: list[str] = []
    latest = server.latest_event_time() if door.is_door else None
    foreign: set[str] = set()
    ahead = 0
    while True:
        # From here until the server confirms them they may be on the server, so the kiosk's
        # corrections page refuses to change them (what is read here is what is sent).
        batch = local.sync_state.start_sending(PUSH_BATCH, held_back=refused)
        if not batch:
            break
        if latest is not None:
            others = {event.device_id for event in batch if event.device_id != door.device_id}
            early = [
                event.uid for event in batch if event.device_id == door.device_id and parse_utc(event.at_utc) > latest
            ]
            foreign |= others
            ahead += len(early)
            held = set(early) | {event.uid for event in batch if event.device_id in others}
            refused += held
            batch = [event for event in batch if event.uid not in held]
            if not batch:
                local.sync_state.finish_sending(())
                continue
        uids = [event.uid for event in batch]
        with server.transaction() as cursor:
            cursor.executemany(
                f"INSERT INTO events (uid, employee_id, {', '.join(EVENT_FIELDS)}) "
                f"SELECT %s, e.id, {', '.join(['%s'] * len(EVENT_FIELDS))} FROM employees e WHERE e.uid = %s "
                # An event the HR workstation already removed (sent, committed, then
                # corrected before this kiosk heard back) is not brought back.
                "AND NOT EXISTS (SELECT 1 FROM event_removals r WHERE r.uid = %s) "
                "ON CONFLICT (uid) DO NOTHING",
                [[event.uid, *event.values(), event.employee_uid, event.uid] for event in batch],
            )
            cursor.execute(
                "SELECT uid FROM events WHERE uid = ANY(%s) UNION SELECT uid FROM event_removals WHERE uid = ANY(%s)",
                [uids, uids],
            )
            on_server = {str(uid) for (uid,) in cursor.fetchall()}
        # Only after the server committed: a kill before this line sends the batch again.
        local.sync_state.finish_sending(on_server)
        confirmed += len(on_server)
        missing = [uid for uid in uids if uid not in on_server]
        if missing:
            # Their employee is not on the server (a code clash kept them back): they stay
            # pending, and the kiosk warns once they have waited too long.
            log.warning("%d events wait for their employee to reach the server", len(missing))
            refused += missing
    if foreign:
        log.warning(
            "check-ins recorded under another device id (%s) stay on this kiosk: the door %s sends only its own; "
            "add them on the HR workstation",
            ", ".join(sorted(foreign)), door.device_id,
        )  # fmt: skip
    if ahead:
        log.warning("%d check-ins are dated after the server's clock; they wait (is this kiosk's clock right?)", ahead)
    return confirmed


def _pull_employees(local: Repository, server: Server, theirs: ServerEmployees) -> int:
    """Bring every employee whose server copy moved since the last agreement; return how many changed here.

    The whole batch is one local transaction. An employee re-enrolled on this
    kiosk while the round ran (their local fingerprint moved again) is left
    for the next round to push.
    """
    snapshot = local.sync_state.employee_snapshot()
    mine, agreed = snapshot.mine, snapshot.agreed
    wanted = [
        uid
        for uid, (_row, server_fp) in theirs.items()
        # Only what the server changed: a local change it has not taken yet stays, to be sent again.
        if uid not in agreed or agreed[uid].server != server_fp or uid not in mine
    ]
    if not wanted:
        return 0
    vectors = server.templates_of([theirs[uid][0]["id"] for uid in wanted])
    stored = local.sync_state.store_pulled_employees(
        [PulledEmployee(theirs[uid][0], theirs[uid][1], vectors[theirs[uid][0]["id"]]) for uid in wanted], mine
    )
    for code in stored.clashed:
        # Another employee here holds the code: enrolled on this kiosk and refused by the
        # server. Theirs stays until an admin resolves it; the log says so every round.
        log.warning("employee %s from the server clashes with a local employee's code; not copied", code)
    for code in stored.updated:
        log.info("employee %s updated from the server", code)
    return len(stored.updated)


def _pull_events(local: Repository, server: Server) -> int:
    """Apply event inserts, corrections and removals made on the server since the cursor."""
    since = local.sync_state.events_cursor()
    with server.transaction() as cursor:
        # Read first: every transaction older than this had committed, so its rows are seen below.
        cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        fetched = cursor.fetchone()
        assert fetched is not None
        next_cursor = int(fetched[0])
        cursor.execute(
            "SELECT ev.uid, e.uid AS employee_uid, "
            + ", ".join(f"ev.{name}" for name in EVENT_FIELDS)
            + " FROM events ev JOIN employees e ON e.id = ev.employee_id WHERE ev.change_xid >= %s",
            [since],
        )
        names = [column.name for column in cursor.description or ()]
        rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
        cursor.execute("SELECT uid FROM event_removals WHERE change_xid >= %s", [since])
        removed = [uid for (uid,) in cursor.fetchall()]
    applied = local.sync_state.apply_pulled_events(
        [TravellingEvent.from_row(row) for row in rows], removed, next_cursor
    )
    for uid in applied.orphaned:
        log.warning("event %s belongs to an employee this kiosk does not have; skipped", uid)
    return applied.changed


def _pull_settings(local: Repository, server: Server, at_utc: str) -> int:
    """Copy the server's stored settings (such as the admin PIN hash); kiosk-only keys stay.

    Company-wide settings (``policy.*``) are checked and audited on the way in
    (:func:`kiosk.sync.company_settings.merge_pulled`); ``at_utc`` stamps those audit entries.
    """
    with server.transaction() as cursor:
        cursor.execute("SELECT key, value FROM settings WHERE key NOT LIKE %s", [LOCAL_ONLY_PREFIX + "%"])
        rows = cursor.fetchall()
    policy = {key: value for key, value in rows if key.startswith(POLICY_PREFIX)}
    return local.sync_state.store_pulled_settings(
        {key: value for key, value in rows if key not in policy},
        merged_prefix=POLICY_PREFIX,
        merge=lambda stored: merge_pulled(stored, policy, lambda: machine_settings_for(local.path), server.name),
        actor=SERVER_ACTOR,
        at_utc=at_utc,
    )
