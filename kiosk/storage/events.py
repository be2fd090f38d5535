"""Attendance events: ``repo.events`` stores check-ins, finds them, and takes an admin's corrections.

A check-in is decided and written in one write transaction
(:meth:`Events.deciding`), so two kiosks that see one person at the same
moment cannot both write "in". Corrections are audited with their reason.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import Any

from kiosk.errors import InputError
from kiosk.storage.models import (
    EVENT_KINDS,
    EVENT_SOURCES,
    AttendanceEvent,
    EventFlag,
    EventSource,
    ImportedPunch,
    flags_text,
    parse_utc,
    utc_text,
)
from kiosk.storage.schema import SENDING_EVENTS_KEY, new_uid
from kiosk.storage.tables import EVENT_COLUMNS, Database, Tables, event_record, one, required

log = logging.getLogger("kiosk.storage")

#: UTC offsets that exist on Earth, in minutes (UTC−12:00 … UTC+14:00).
MIN_OFFSET_MINUTES, MAX_OFFSET_MINUTES = -12 * 60, 14 * 60


class EventOnServerError(InputError):
    """A kiosk was asked to correct or delete an event its server already holds; nothing was written.

    Events are append-only from the kiosks (their database role may not change
    them) and the server is authoritative, so a change made here would stay on
    this kiosk while the server and every export kept the old value.
    """

    def __init__(self) -> None:
        super().__init__("This check-in is already on the server; correct it on the HR workstation.")


class EventsView:
    """The events as one write transaction sees them (:meth:`Events.deciding`): read, decide, add.

    Every read here runs inside the transaction that :meth:`add` writes in,
    after the write lock was taken, so what it returns is still true when the
    decided event is stored: no other kiosk can write in between.
    """

    def __init__(self, tables: Tables, db: Database) -> None:
        self._tables = tables
        self._db = db
        self.added: list[AttendanceEvent] = []
        """The events :meth:`add` stored in this transaction, in order."""

    def with_uid(self, uid: str) -> AttendanceEvent | None:
        """The event with the global id ``uid``, or ``None`` if none is stored."""
        return _with_uid(self._db, uid)

    def last_for(self, employee_id: int) -> AttendanceEvent | None:
        """The employee's latest event by time, or ``None`` if they have none."""
        return _last_for(self._db, employee_id)

    def between(
        self, start_utc: datetime, end_utc: datetime, employee_id: int | None = None
    ) -> list[AttendanceEvent]:
        """Events with ``start_utc <= at_utc < end_utc``, oldest first (as :meth:`Events.between`)."""
        return _between(self._db, start_utc, end_utc, employee_id)

    def newest_clocked_at(self) -> datetime | None:
        """The latest time any kiosk's clock stamped on an event (as :meth:`Events.newest_clocked_at`)."""
        return _newest_clocked_at(self._db)

    def add(self, event: AttendanceEvent) -> AttendanceEvent:
        """Store a new event (``event.id`` must be ``None``) in this transaction; it commits when the block ends."""
        _check_new(event)
        self._tables.employee_row(self._db, event.employee_id)
        stored = _insert_event(self._db, event)
        self.added.append(stored)
        return stored


class Events:
    """The ``events`` table of one repository (``repo.events``)."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    @contextmanager
    def deciding(self) -> Iterator[EventsView]:
        """One write transaction to read events, decide, and store what was decided.

        ``with repo.events.deciding() as view:`` takes the write lock first
        (``BEGIN IMMEDIATE`` on a file, the advisory write lock on a server);
        then the block reads through ``view`` and may :meth:`EventsView.add`.
        Everything commits when the block ends and rolls back if it raises.
        So of two kiosks deciding about one person at once, the second reads
        the first one's event. The lock is held while the block runs: keep it
        to reads and arithmetic (milliseconds).
        """
        with self._tables.tx.writing() as db:
            view = EventsView(self._tables, db)
            yield view
        for stored in view.added:
            log.info("event %d: employee %d %s (%s)", stored.id, stored.employee_id, stored.kind, stored.source)

    def add(self, event: AttendanceEvent) -> AttendanceEvent:
        """Store a new event (``event.id`` must be ``None``); it is committed when this returns."""
        _check_new(event)  # before waiting for the write lock
        with self.deciding() as view:
            stored = view.add(event)
        return stored

    def with_uid(self, uid: str) -> AttendanceEvent | None:
        """The event with the global id ``uid``, or ``None`` if none is stored."""
        with self._tables.tx.reading() as db:
            return _with_uid(db, uid)

    def last_for(self, employee_id: int) -> AttendanceEvent | None:
        """The employee's latest event by time, or ``None`` if they have none."""
        with self._tables.tx.reading() as db:
            return _last_for(db, employee_id)

    def newest_clocked_at(self) -> datetime | None:
        """The latest time a kiosk's clock stamped on an event (face and PIN check-ins; manual and
        imported punches carry times people typed), or ``None`` before the first check-in."""
        with self._tables.tx.reading() as db:
            return _newest_clocked_at(db)

    def flagged(self, flag: EventFlag = EventFlag.CLOCK_SUSPECT) -> list[AttendanceEvent]:
        """Every event carrying ``flag``, oldest first, whatever its date (a wrong clock may have put
        it years away from the days anyone looks at)."""
        with self._tables.tx.reading() as db:
            rows = db.query(
                f"SELECT {EVENT_COLUMNS} FROM events WHERE ',' || flags || ',' LIKE ? ORDER BY at_utc, id",
                [f"%,{flag.value},%"],
            )
            return [event_record(row) for row in rows]

    def confirm(self, event_id: int, *, reason: str, actor: str = "admin") -> AttendanceEvent:
        """HR checked the time of a punch stamped by a doubtful clock and it stands: the
        ``clock_suspect`` flag goes, audited with ``reason`` (required) as ``confirm_event``.

        Refused with :class:`EventOnServerError` like :meth:`update`; an event
        without the flag is an :class:`InputError`.
        """
        reason = required(reason, "reason")
        with self._tables.tx.writing() as db:
            old = self._stored(db, event_id)
            if EventFlag.CLOCK_SUSPECT not in old.flags:
                raise InputError(f"Event {event_id} is not marked as stamped by a wrong clock; nothing to confirm.")
            new = replace(old, flags=tuple(flag for flag in old.flags if flag != EventFlag.CLOCK_SUSPECT))
            db.execute("UPDATE events SET flags = ? WHERE id = ?", [flags_text(new.flags), event_id])
            code = self._tables.employee_row(db, old.employee_id)["code"]
            cleared = f"{_describe(old, code)} confirmed, {EventFlag.CLOCK_SUSPECT} cleared"
            detail = f"event {event_id}: {cleared}; reason: {reason}"
            self._tables.audit(db, actor, "confirm_event", detail)
        return new

    def between(
        self, start_utc: datetime, end_utc: datetime, employee_id: int | None = None
    ) -> list[AttendanceEvent]:
        """Events with ``start_utc <= at_utc < end_utc`` (aware datetimes), oldest first.

        Half-open, so consecutive ranges never count an event twice.
        """
        with self._tables.tx.reading() as db:
            return _between(db, start_utc, end_utc, employee_id)

    def add_manual(
        self,
        employee_id: int,
        kind: str,
        at_utc: datetime,
        utc_offset_minutes: int,
        reason: str,
        actor: str = "admin",
        device_id: str = "admin",
    ) -> AttendanceEvent:
        """An admin's correction: a ``manual`` event whose note is ``reason`` (required), audited."""
        reason = required(reason, "reason")
        event = AttendanceEvent(
            id=None,
            employee_id=employee_id,
            kind=kind,
            at_utc=at_utc,
            utc_offset_minutes=utc_offset_minutes,
            distance=None,
            live=False,
            source="manual",
            device_id=device_id,
            note=reason,
        )
        _check_event(event)
        with self._tables.tx.writing() as db:
            row = self._tables.employee_row(db, employee_id)
            stored = _insert_event(db, event)
            detail = f"event {stored.id}: {_describe(stored, row['code'])}; reason: {reason}"
            self._tables.audit(db, actor, "add_event", detail)
        return stored

    def update(
        self,
        event_id: int,
        *,
        kind: str | None = None,
        at_utc: datetime | None = None,
        reason: str,
        actor: str = "admin",
    ) -> AttendanceEvent:
        """Correct an event's kind and/or time; ``reason`` (required) becomes its note and is audited.

        On a kiosk syncing with a server, an event the server already holds is
        refused with :class:`EventOnServerError` (HR corrects it there).
        """
        reason = required(reason, "reason")
        if kind is None and at_utc is None:
            raise InputError("Nothing to change; give a new type or a new time.")
        with self._tables.tx.writing() as db:
            old = self._stored(db, event_id)
            new = replace(
                old,
                kind=kind if kind is not None else old.kind,
                at_utc=parse_utc(utc_text(at_utc)) if at_utc is not None else old.at_utc,
                note=reason,
                # HR set the time: it no longer rests on a doubtful clock.
                flags=tuple(flag for flag in old.flags if flag != EventFlag.CLOCK_SUSPECT or at_utc is None),
            )
            _check_event(new)
            db.table("events").update(
                event_id,
                {"kind": new.kind, "at_utc": utc_text(new.at_utc), "note": reason, "flags": flags_text(new.flags)},
            )
            code = self._tables.employee_row(db, old.employee_id)["code"]
            detail = f"event {event_id}: {_describe(old, code)} -> {_describe(new, code)}; reason: {reason}"
            self._tables.audit(db, actor, "update_event", detail)
        return new

    def delete(self, event_id: int, *, reason: str, actor: str = "admin") -> None:
        """Remove an event; what it was and ``reason`` (required) go to the audit log.

        Refused with :class:`EventOnServerError` like :meth:`update`.
        """
        reason = required(reason, "reason")
        with self._tables.tx.writing() as db:
            old = self._stored(db, event_id)
            db.execute("DELETE FROM events WHERE id = ?", [event_id])
            code = self._tables.employee_row(db, old.employee_id)["code"]
            detail = f"event {event_id}: {_describe(old, code)} ({old.source}); reason: {reason}"
            self._tables.audit(db, actor, "delete_event", detail)

    def add_imported(self, punches: Sequence[ImportedPunch], actor: str, source: str = "") -> tuple[int, int]:
        """Store punches from another system (a badge reader, a ZKTeco export) as ``import`` events.

        One transaction and one audit entry, or nothing; returns (added, already
        stored). Idempotent: a punch at a moment where the employee already has
        an event (the same UTC time, to the microsecond) is not stored again, so
        importing a file twice, or two overlapping exports, adds each punch once;
        the check runs inside the write transaction, so two imports at once
        cannot both add one.

        ``source`` (the file's name) goes into the one audit entry. Raises
        :class:`InputError` for an unknown employee or an invalid punch, having
        written nothing.
        """
        events = [
            AttendanceEvent(
                id=None, employee_id=punch.employee_id, kind=punch.kind, at_utc=punch.at_utc,
                utc_offset_minutes=punch.utc_offset_minutes, distance=None, live=False,
                source=EventSource.IMPORT.value, device_id=punch.device_id or "import",
            )
            for punch in punches
        ]
        if not events:
            raise InputError(f"{source or 'the file'} holds no punches; nothing was imported")
        for event in events:
            _check_event(event)
        added = skipped = 0
        with self._tables.tx.writing() as db:
            known: set[int] = set()
            for event in events:
                if event.employee_id not in known:
                    self._tables.employee_row(db, event.employee_id)
                    known.add(event.employee_id)
                there = one(
                    db,
                    "SELECT id FROM events WHERE employee_id = ? AND at_utc = ? LIMIT 1",
                    [event.employee_id, utc_text(event.at_utc)],
                )
                if there is not None:
                    skipped += 1
                    continue
                _insert_event(db, event)
                added += 1
            if added:
                detail = f"{source or 'punches'}: {added} punches added, {skipped} already stored"
                self._tables.audit(db, actor, "import_punches", detail)
        log.info("imported %d punches (%d already stored) from %s", added, skipped, source or "a file")
        return added, skipped

    def _stored(self, db: Database, event_id: int) -> AttendanceEvent:
        """The event to correct, refused if missing or if its server holds it (:meth:`_refuse_if_on_server`)."""
        row = one(db, f"SELECT {EVENT_COLUMNS} FROM events WHERE id = ?", [event_id])
        if row is None:
            raise InputError(f"There is no event with id {event_id}; refresh the list and try again.")
        event = event_record(row)
        self._refuse_if_on_server(db, event)
        return event

    def _refuse_if_on_server(self, db: Database, event: AttendanceEvent) -> None:
        """Raise :class:`EventOnServerError` if ``event`` lives in a kiosk file and its server holds it.

        "Holds it" is what :mod:`kiosk.sync` records in the same file: the
        server confirmed the uid (``sync_pushed_events``, which also lists
        events that came down from the server), or a round is sending it right
        now (:data:`~kiosk.storage.schema.SENDING_EVENTS_KEY`: the server may
        have committed it already). Events not sent yet stay correctable here;
        the corrected version is the one a round sends, and a deleted one is
        never sent. A server database is the authority itself: HR corrects there.
        """
        if self._tables.engine != "sqlite":
            return
        held = one(
            db,
            "SELECT EXISTS (SELECT 1 FROM sync_pushed_events WHERE uid = ?) OR EXISTS (SELECT 1 FROM "
            "json_each(COALESCE((SELECT value FROM settings WHERE key = ?), '[]')) WHERE value = ?) AS held",
            [event.uid, SENDING_EVENTS_KEY, event.uid],
        )
        if held and held["held"]:
            raise EventOnServerError()


# --------------------------------------------------------------------- inside a transaction


def _with_uid(db: Database, uid: str) -> AttendanceEvent | None:
    row = one(db, f"SELECT {EVENT_COLUMNS} FROM events WHERE uid = ?", [uid])
    return event_record(row) if row else None


def _last_for(db: Database, employee_id: int) -> AttendanceEvent | None:
    row = one(
        db,
        f"SELECT {EVENT_COLUMNS} FROM events WHERE employee_id = ? ORDER BY at_utc DESC, id DESC LIMIT 1",
        [employee_id],
    )
    return event_record(row) if row else None


def _newest_clocked_at(db: Database) -> datetime | None:
    sources = (EventSource.FACE.value, EventSource.PIN.value)
    row = one(db, "SELECT max(at_utc) AS newest FROM events WHERE source IN (?, ?)", list(sources))
    return parse_utc(row["newest"]) if row and row["newest"] else None


def _between(db: Database, start_utc: datetime, end_utc: datetime, employee_id: int | None) -> list[AttendanceEvent]:
    if end_utc < start_utc:
        raise InputError(f"The range ends ({end_utc}) before it starts ({start_utc}); swap the dates.")
    sql = f"SELECT {EVENT_COLUMNS} FROM events WHERE at_utc >= ? AND at_utc < ?"
    params: list[Any] = [utc_text(start_utc), utc_text(end_utc)]
    if employee_id is not None:
        sql += " AND employee_id = ?"
        params.append(employee_id)
    return [event_record(row) for row in db.query(sql + " ORDER BY at_utc, id", params)]


def _insert_event(db: Database, event: AttendanceEvent) -> AttendanceEvent:
    at_text = utc_text(event.at_utc)
    uid = event.uid or new_uid()
    event_id = (
        db.table("events")
        .insert(
            {
                "employee_id": event.employee_id,
                "kind": event.kind,
                "at_utc": at_text,
                "utc_offset_minutes": event.utc_offset_minutes,
                "distance": event.distance,
                "live": int(bool(event.live)),
                "source": event.source,
                "device_id": event.device_id,
                "note": event.note,
                "uid": uid,
                "flags": flags_text(event.flags),
            }
        )
        .last_pk
    )
    return replace(event, id=event_id, at_utc=parse_utc(at_text), uid=uid)


def _check_new(event: AttendanceEvent) -> None:
    if event.id is not None:
        raise InputError(f"Event {event.id} is already stored; use repo.events.update to change it.")
    _check_event(event)


def _check_event(event: AttendanceEvent) -> None:
    if event.kind not in EVENT_KINDS:
        raise InputError(f"Event type {event.kind!r} is not one of {', '.join(EVENT_KINDS)}.")
    if event.source not in EVENT_SOURCES:
        raise InputError(f"Event source {event.source!r} is not one of {', '.join(EVENT_SOURCES)}.")
    utc_text(event.at_utc)  # refuses naive datetimes
    if not MIN_OFFSET_MINUTES <= event.utc_offset_minutes <= MAX_OFFSET_MINUTES:
        raise InputError(f"UTC offset {event.utc_offset_minutes} min is outside −12 h … +14 h.")
    if event.distance is not None and not (math.isfinite(event.distance) and event.distance >= 0):
        raise InputError(f"Match distance {event.distance} must be a finite number ≥ 0.")


def _describe(event: AttendanceEvent, code: str) -> str:
    return f"{code} {event.kind} at {event.at_local.isoformat(sep=' ', timespec='seconds')}"
