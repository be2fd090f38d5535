"""Staff from a roster: ``repo.roster`` shows what a roster would change, and applies it all or nothing.

A roster row adds a new employee (active, no face yet: they are enrolled at
the kiosk later) or updates an existing one's name and department, and may
give their shift. :meth:`Roster.plan` and :meth:`Roster.apply` walk the rows
with the same code, one only reading and the other writing, so a dry run
shows exactly what the import does. The whole file is one transaction: any
bad row raises :class:`InputError` (starting with the row's ``where``) and
nothing of the file is kept. Every change writes its audit entry inside it.

A shift from the roster applies from ``valid_from``, or from the start
(:data:`~kiosk.storage.shifts.EARLIEST`) when none is given, so that punches
imported from an old system are judged by it. Moving someone who already has
a shift to another one needs a ``valid_from``: without it, the change would
rewrite past months.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from kiosk.errors import InputError
from kiosk.storage.models import RosterChange, RosterRow, utc_text
from kiosk.storage.schema import new_uid
from kiosk.storage.shifts import EARLIEST, assign_in, assignments_in
from kiosk.storage.tables import Database, Tables, one


class Roster:
    """Roster imports over ``employees`` and ``shift_assignments`` (``repo.roster``)."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def plan(self, rows: Sequence[RosterRow], valid_from: date | None = None) -> list[RosterChange]:
        """What :meth:`apply` would change, one :class:`RosterChange` per change; writes nothing.

        Raises the same :class:`InputError` :meth:`apply` would.
        """
        with self._tables.tx.reading() as db:
            return _walk(self._tables, db, rows, valid_from, actor=None)

    def apply(
        self, rows: Sequence[RosterRow], actor: str, valid_from: date | None = None, source: str = ""
    ) -> list[RosterChange]:
        """Add or update every row's employee and shift in ONE transaction; return what changed.

        ``source`` (the file's name) goes into the audit entry that sums the import up.
        """
        with self._tables.tx.writing() as db:
            changes = _walk(self._tables, db, rows, valid_from, actor=actor)
            if changes:
                counts = ", ".join(f"{sum(c.kind == kind for c in changes)} {kind}" for kind in _KINDS)
                self._tables.audit(db, actor, "import_roster", f"{source or 'roster'}: {len(rows)} rows; {counts}")
        return changes


_KINDS = ("add", "update", "assign")


def _walk(
    tables: Tables, db: Database, rows: Sequence[RosterRow], valid_from: date | None, actor: str | None
) -> list[RosterChange]:
    """Every row's changes, in order; written (and audited) only when ``actor`` is given."""
    shifts = {row["name"]: row for row in db.query("SELECT * FROM shifts")}
    seen: dict[str, str] = {}
    changes: list[RosterChange] = []
    for item in rows:
        where = f"{item.where}: " if item.where else ""
        code, name, shift_name = item.code.strip(), item.name.strip(), item.shift.strip()
        department = item.department.strip() if item.department is not None else None
        if not code:
            raise InputError(f"{where}empty code")
        if code in seen:
            raise InputError(f"{where}duplicate code {code} (also {seen[code] or 'above'})")
        seen[code] = item.where
        if not name:
            raise InputError(f"{where}empty name for code {code}")
        shift = shifts.get(shift_name) if shift_name else None
        if shift_name and shift is None:
            known = ", ".join(sorted(shifts)) or "none yet"
            raise InputError(f"{where}unknown shift {shift_name!r} (known: {known}); add it with kiosk shift add")
        employee = one(db, "SELECT * FROM employees WHERE code = ?", [code])
        if employee is None:
            department = department or ""
            text = f"add {code} {name}" + (f" ({department})" if department else "")
            if shift is not None:
                text += f", shift {shift['name']} {_when(valid_from or EARLIEST)}"
            changes.append(RosterChange(code, "add", text))
            if actor is not None:
                employee = _insert_employee(tables, db, code, name, department, actor)
                if shift is not None:
                    assign_in(tables, db, employee, shift, valid_from or EARLIEST, actor)
            continue
        wanted = {"name": name} if department is None else {"name": name, "department": department}
        updates = {key: value for key, value in wanted.items() if employee[key] != value}
        if updates:
            detail = "; ".join(f"{key} {employee[key]!r} -> {value!r}" for key, value in updates.items())
            changes.append(RosterChange(code, "update", f"change {code}: {detail}"))
            if actor is not None:
                db.table("employees").update(employee["id"], updates)
                tables.audit(db, actor, "update_employee", f"{code}: {detail} (roster)")
        if shift is not None:
            change = _shift_change(tables, db, where, employee, shift, valid_from, actor)
            if change is not None:
                changes.append(change)
    return changes


def _shift_change(
    tables: Tables,
    db: Database,
    where: str,
    employee: dict[str, Any],
    shift: dict[str, Any],
    valid_from: date | None,
    actor: str | None,
) -> RosterChange | None:
    """The row's shift for an existing employee: nothing if it is their newest already."""
    code = employee["code"]
    history = assignments_in(db, employee["id"])
    latest = history[-1] if history else None
    if latest is not None and latest.shift_id == shift["id"]:
        return None
    if latest is not None and valid_from is None:
        raise InputError(
            f"{where}{code} works {latest.shift_name} {_when(latest.valid_from)}; to move them to "
            f"{shift['name']} give the date it starts (--from DATE), so past months keep their shift"
        )
    start = valid_from or EARLIEST
    if latest is not None and latest.valid_from > start:
        raise InputError(
            f"{where}{code} moves to {latest.shift_name} on {latest.valid_from}, after {start}; "
            "assign their shifts one by one with kiosk shift assign"
        )
    was = f" (was {latest.shift_name})" if latest is not None else ""
    if actor is not None:
        assign_in(tables, db, employee, shift, start, actor)
    return RosterChange(code, "assign", f"shift {code}: {shift['name']} {_when(start)}{was}")


def _insert_employee(tables: Tables, db: Database, code: str, name: str, department: str, actor: str) -> dict:
    """A new active employee without consent, face or PIN (enrolled at the kiosk later), audited."""
    row: dict[str, Any] = {"code": code, "name": name, "department": department, "active": 1, "consent_at": None,
                           "created_at": utc_text(tables.clock()), "pin_hash": None, "uid": new_uid()}  # fmt: skip
    row["id"] = db.table("employees").insert(row).last_pk
    tables.audit(db, actor, "add_employee", f"{code} {name!r} department={department!r} (roster)")
    return row


def _when(day: date) -> str:
    return "from the start" if day == EARLIEST else f"from {day.isoformat()}"
