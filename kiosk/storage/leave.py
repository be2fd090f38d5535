"""Leave: ``repo.leave`` records, lists and deletes an employee's leave.

A leave runs from a local start to a local end (the kiosk's wall clock, to the
minute, end exclusive): 2025-10-09 00:00 to 2025-10-11 00:00 is two whole days.
One person's leaves never overlap: a second one that would is refused with a
line naming both, so hours are never counted twice. Every change is audited.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from kiosk.errors import InputError
from kiosk.storage.models import StoredLeave, utc_text
from kiosk.storage.payroll_schema import LEAVE_TYPES
from kiosk.storage.tables import Tables, one


class LeaveBook:
    """The ``leaves`` table of one repository (``repo.leave``)."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def add(
        self,
        employee_id: int,
        start: datetime,
        end: datetime,
        leave_type: str,
        note: str = "",
        actor: str = "admin",
    ) -> StoredLeave:
        """Record leave from ``start`` to ``end`` (naive local datetimes to the minute, end exclusive).

        Raises :class:`InputError` for an unknown type, an end not after the
        start, seconds or a time zone in the times, an unknown employee, or an
        overlap with one of the employee's leaves (the message names both).
        """
        start_text, end_text = local_text(start), local_text(end)
        if leave_type not in LEAVE_TYPES:
            raise InputError(f"leave type {leave_type!r} is not one of {', '.join(LEAVE_TYPES)}")
        if end <= start:
            raise InputError(f"the leave ends ({_shown(end)}) before or when it starts ({_shown(start)})")
        note = note.strip()
        with self._tables.tx.writing() as db:
            employee = self._tables.employee_row(db, employee_id)
            clash = one(
                db,
                "SELECT * FROM leaves WHERE employee_id = ? AND start_local < ? AND end_local > ? "
                "ORDER BY start_local LIMIT 1",
                [employee_id, end_text, start_text],
            )
            if clash is not None:
                other = stored_leave(clash)
                raise InputError(
                    f"leave {_period(start, end)} overlaps {employee['code']}'s {other.type} leave "
                    f"{_period(other.start, other.end)} (id {other.id}); change the dates or delete that leave first"
                )
            row = {"employee_id": employee_id, "start_local": start_text, "end_local": end_text,
                   "type": leave_type, "note": note, "created_at": utc_text(self._tables.clock())}  # fmt: skip
            leave_id = db.table("leaves").insert(row).last_pk
            stored = stored_leave({**row, "id": leave_id})
            self._tables.audit(db, actor, "add_leave", f"{employee['code']}: {_describe(stored)}")
        return stored

    def between(self, start: date, end: date, employee_id: int | None = None) -> list[StoredLeave]:
        """Leaves that overlap the local dates ``start`` to ``end`` (inclusive), by employee and start."""
        if end < start:
            raise InputError(f"the range ends on {end} before it starts on {start}; give the start first")
        first = datetime.combine(start, datetime.min.time())
        after = datetime.combine(end + timedelta(days=1), datetime.min.time())
        sql = "SELECT * FROM leaves WHERE start_local < ? AND end_local > ?"
        params: list[Any] = [local_text(after), local_text(first)]
        if employee_id is not None:
            sql += " AND employee_id = ?"
            params.append(employee_id)
        with self._tables.tx.reading() as db:
            rows = list(db.query(sql + " ORDER BY employee_id, start_local", params))
        return [stored_leave(row) for row in rows]

    def delete(self, leave_id: int, actor: str = "admin", reason: str = "") -> StoredLeave:
        """Remove a leave; what it was (and ``reason``, when given) goes to the audit log.
        :class:`InputError` if there is none."""
        with self._tables.tx.writing() as db:
            row = one(db, "SELECT * FROM leaves WHERE id = ?", [leave_id])
            if row is None:
                raise InputError(f"there is no leave with id {leave_id}; refresh the list and try again")
            stored = stored_leave(row)
            employee = self._tables.employee_row(db, stored.employee_id)
            db.execute("DELETE FROM leaves WHERE id = ?", [leave_id])
            why = f"; reason: {reason.strip()}" if reason.strip() else ""
            self._tables.audit(db, actor, "delete_leave", f"{employee['code']}: {_describe(stored)}{why}")
        return stored


def local_text(moment: datetime) -> str:
    """``moment`` (naive local, whole minutes) as stored text, ``YYYY-MM-DDTHH:MM`` (text order is time
    order); :class:`InputError` otherwise."""
    if moment.tzinfo is not None:
        raise InputError(f"leave times are the kiosk's local wall clock; {moment.isoformat()} carries a time zone")
    if moment.second or moment.microsecond:
        raise InputError(f"leave times are whole minutes, not {moment.isoformat()}")
    return moment.isoformat(timespec="minutes")


def stored_leave(row: dict[str, Any]) -> StoredLeave:
    """A ``leaves`` row as a :class:`StoredLeave`."""
    return StoredLeave(
        int(row["id"]), int(row["employee_id"]), datetime.fromisoformat(row["start_local"]),
        datetime.fromisoformat(row["end_local"]), row["type"], row["note"],
    )  # fmt: skip


def _shown(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _period(start: datetime, end: datetime) -> str:
    return f"{_shown(start)} to {_shown(end)}"


def _describe(leave: StoredLeave) -> str:
    note = f"; {leave.note}" if leave.note else ""
    return f"{leave.type} leave {_period(leave.start, leave.end)} (id {leave.id}){note}"
