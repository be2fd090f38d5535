"""Punches from another system: ``repo.punch_imports`` stores a file's punches as ``import`` events, once.

A company moving from a badge reader or a ZKTeco terminal brings its old
punches along. They become ordinary events (source ``import``) in ONE
transaction with one audit entry, or not at all. Importing is idempotent: a
punch at a moment where the employee already has an event (the same UTC time,
to the microsecond) is not stored again, so importing a file twice, or two
overlapping exports, adds each punch once. That check runs inside the write
transaction, which holds the write lock on both engines, so two imports at
once cannot both add a punch.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from kiosk.errors import InputError
from kiosk.storage.events import _check_event, _insert_event  # the one insert and check every event goes through
from kiosk.storage.models import AttendanceEvent, EventSource, ImportedPunch, utc_text
from kiosk.storage.tables import Tables, one

log = logging.getLogger("kiosk.storage")


class PunchImports:
    """Imported punches in the ``events`` table of one repository (``repo.punch_imports``)."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def add(self, punches: Sequence[ImportedPunch], actor: str, source: str = "") -> tuple[int, int]:
        """Store ``punches`` as ``import`` events in one transaction; return (added, already stored).

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
