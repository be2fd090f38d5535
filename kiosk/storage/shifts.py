"""Shifts and who works them: ``repo.shifts`` adds and lists shifts and assigns them from a date.

A shift is stored as HR typed it (times of day ``HH:MM`` on the kiosk's wall
clock); whether it makes sense (a zero-length shift, a break outside it) is the
rules' call (:func:`kiosk.attendance.shifts.validate_shift`), made before it
gets here. An assignment says "from this local date on, this person works that
shift"; the newest one on or before a day decides it, so a change never
rewrites past months. Every change writes its audit entry in its transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from kiosk.errors import InputError
from kiosk.storage.models import StoredAssignment, StoredShift, utc_text
from kiosk.storage.tables import Database, Tables, one, required

#: ``valid_from`` of an assignment that holds "from the start": a roster's shift
#: without ``--from`` judges punches imported from an old system too.
EARLIEST = date(1, 1, 1)

_CLOCK_TEXT = re.compile(r"([01]\d|2[0-3]):[0-5]\d")

_ASSIGNMENT_SQL = (
    "SELECT a.id, a.employee_id, a.shift_id, s.name AS shift_name, a.valid_from "
    "FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id"
)


class Shifts:
    """The ``shifts`` and ``shift_assignments`` tables of one repository (``repo.shifts``)."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def add(
        self,
        name: str,
        start: str,
        end: str,
        *,
        breaks: Sequence[tuple[str, str]] = (),
        late_grace_min: int = 5,
        early_grace_min: int = 0,
        workdays: Sequence[int] = (0, 1, 2, 3, 4),
        statutory_calendar: bool = True,
        actor: str = "admin",
    ) -> StoredShift:
        """Store a new shift; :class:`InputError` if the name is taken or a value is malformed.

        ``start``, ``end`` and each break's ends are ``HH:MM``; ``workdays``
        Monday = 0. An end at or before the start is the next day; equal is refused.
        """
        name = required(name, "shift name")
        for text in (start, end, *(edge for pair in breaks for edge in pair)):
            _check_clock(text)
        if start == end:
            raise InputError(f"shift {name!r} starts and ends at {start}: a shift of zero length")
        days = sorted(set(workdays))
        if not days or not set(days) <= set(range(7)):
            raise InputError(f"shift {name!r} needs workdays from 0 (Monday) to 6, not {list(workdays)}")
        if late_grace_min < 0 or early_grace_min < 0:
            raise InputError(f"the grace minutes of shift {name!r} cannot be negative")
        row = {
            "name": name,
            "start_time": start,
            "end_time": end,
            "breaks": json.dumps([list(pair) for pair in breaks]),
            "late_grace_min": int(late_grace_min),
            "early_grace_min": int(early_grace_min),
            "workdays": ",".join(str(day) for day in days),
            "statutory_calendar": int(bool(statutory_calendar)),
            "created_at": utc_text(self._tables.clock()),
        }
        with self._tables.tx.writing() as db:
            if shift_row(db, name) is not None:
                raise InputError(f"a shift named {name!r} already exists; choose another name")
            shift_id = db.table("shifts").insert(row).last_pk
            stored = stored_shift({**row, "id": shift_id})
            self._tables.audit(db, actor, "add_shift", describe_shift(stored))
        return stored

    def all(self) -> list[StoredShift]:
        """Every shift, by name."""
        with self._tables.tx.reading() as db:
            return [stored_shift(row) for row in db.query("SELECT * FROM shifts ORDER BY name")]

    def get(self, name: str) -> StoredShift | None:
        """The shift called ``name`` (surrounding spaces ignored), or ``None``."""
        with self._tables.tx.reading() as db:
            row = shift_row(db, name.strip())
        return stored_shift(row) if row else None

    def assign(self, employee_id: int, shift_name: str, valid_from: date, actor: str = "admin") -> StoredAssignment:
        """From ``valid_from`` on, the employee works ``shift_name``; one assignment per person and date.

        Assigning again from the same date replaces that date's shift. Raises
        :class:`InputError` for an unknown shift or employee.
        """
        with self._tables.tx.writing() as db:
            shift = _known_shift(db, shift_name)
            employee = self._tables.employee_row(db, employee_id)
            return assign_in(self._tables, db, employee, shift, valid_from, actor)

    def assign_department(
        self, department: str, shift_name: str, valid_from: date, actor: str = "admin"
    ) -> list[StoredAssignment]:
        """:meth:`assign` for every active employee of ``department``, in one transaction.

        Raises :class:`InputError` if the department has no active employee.
        """
        department = required(department, "department")
        with self._tables.tx.writing() as db:
            shift = _known_shift(db, shift_name)
            staff = list(
                db.query("SELECT * FROM employees WHERE department = ? AND active = 1 ORDER BY code", [department])
            )
            if not staff:
                raise InputError(f"department {department!r} has no active employee; check its spelling")
            return [assign_in(self._tables, db, employee, shift, valid_from, actor) for employee in staff]

    def assignments(self, employee_id: int | None = None) -> list[StoredAssignment]:
        """Assignments (of one employee, or everyone's) by employee and date."""
        sql, params = _ASSIGNMENT_SQL, []
        if employee_id is not None:
            sql, params = sql + " WHERE a.employee_id = ?", [employee_id]
        with self._tables.tx.reading() as db:
            rows = list(db.query(sql + " ORDER BY a.employee_id, a.valid_from", params))
        return [stored_assignment(row) for row in rows]

    def latest(self) -> dict[int, StoredAssignment]:
        """Each employee's newest assignment (the shift a roster export shows), by employee id."""
        return {assignment.employee_id: assignment for assignment in self.assignments()}


# --------------------------------------------------------------------- inside a transaction


def shift_row(db: Database, name: str) -> dict[str, Any] | None:
    """The ``shifts`` row called ``name``, or ``None``."""
    return one(db, "SELECT * FROM shifts WHERE name = ?", [name])


def _known_shift(db: Database, name: str) -> dict[str, Any]:
    row = shift_row(db, name.strip())
    if row is None:
        known = ", ".join(row["name"] for row in db.query("SELECT name FROM shifts ORDER BY name")) or "none yet"
        raise InputError(f"there is no shift named {name.strip()!r} (known: {known}); add it with kiosk shift add")
    return row


def assignments_in(db: Database, employee_id: int) -> list[StoredAssignment]:
    """The employee's assignments by date, read inside ``db``'s transaction."""
    rows = db.query(_ASSIGNMENT_SQL + " WHERE a.employee_id = ? ORDER BY a.valid_from", [employee_id])
    return [stored_assignment(row) for row in rows]


def assign_in(
    tables: Tables, db: Database, employee: dict[str, Any], shift: dict[str, Any], valid_from: date, actor: str
) -> StoredAssignment:
    """Store (or replace) the employee's assignment from ``valid_from``, audited, inside ``db``'s write transaction.

    An assignment that is already there unchanged is neither written nor audited.
    """
    day = valid_from.isoformat()
    existing = one(
        db, "SELECT * FROM shift_assignments WHERE employee_id = ? AND valid_from = ?", [employee["id"], day]
    )
    if existing is not None and existing["shift_id"] == shift["id"]:
        return StoredAssignment(existing["id"], employee["id"], shift["id"], shift["name"], valid_from)
    when = "from the start" if valid_from == EARLIEST else f"from {day}"
    if existing is not None:
        db.table("shift_assignments").update(existing["id"], {"shift_id": shift["id"]})
        assignment_id = existing["id"]
        old = one(db, "SELECT name FROM shifts WHERE id = ?", [existing["shift_id"]])
        detail = f"{employee['code']}: shift {old['name'] if old else '?'!r} -> {shift['name']!r} {when}"
    else:
        row = {"employee_id": employee["id"], "shift_id": shift["id"], "valid_from": day,
               "created_at": utc_text(tables.clock())}  # fmt: skip
        assignment_id = db.table("shift_assignments").insert(row).last_pk
        detail = f"{employee['code']}: shift {shift['name']!r} {when}"
    tables.audit(db, actor, "assign_shift", detail)
    return StoredAssignment(int(assignment_id or 0), employee["id"], shift["id"], shift["name"], valid_from)


# --------------------------------------------------------------------- rows


def _check_clock(text: str) -> None:
    if not isinstance(text, str) or not _CLOCK_TEXT.fullmatch(text):
        raise InputError(f"{text!r} is not a time of day; write it as HH:MM, e.g. 08:30")


def stored_shift(row: dict[str, Any]) -> StoredShift:
    """A ``shifts`` row as a :class:`StoredShift`."""
    return StoredShift(
        id=int(row["id"]),
        name=row["name"],
        start=row["start_time"],
        end=row["end_time"],
        breaks=tuple((str(begin), str(end)) for begin, end in json.loads(row["breaks"])),
        late_grace_min=int(row["late_grace_min"]),
        early_grace_min=int(row["early_grace_min"]),
        workdays=tuple(int(day) for day in row["workdays"].split(",") if day),
        statutory_calendar=bool(row["statutory_calendar"]),
    )


def stored_assignment(row: dict[str, Any]) -> StoredAssignment:
    """A joined assignment row (:data:`_ASSIGNMENT_SQL`) as a :class:`StoredAssignment`."""
    return StoredAssignment(
        int(row["id"]), int(row["employee_id"]), int(row["shift_id"]), row["shift_name"],
        date.fromisoformat(row["valid_from"]),
    )  # fmt: skip


def describe_shift(shift: StoredShift) -> str:
    """One line for the audit log and ``kiosk shift list``."""
    breaks = ", ".join(f"{begin}-{end}" for begin, end in shift.breaks) or "none"
    days = ",".join(str(day) for day in shift.workdays)
    calendar = "statutory calendar" if shift.statutory_calendar else "own weekdays only"
    return (
        f"{shift.name} {shift.start}-{shift.end}; breaks {breaks}; grace {shift.late_grace_min}/"
        f"{shift.early_grace_min} min; workdays {days}; {calendar}"
    )
