"""Employees: ``repo.employees`` adds, enrolls, changes, finds and lists them, and erases their face data.

Every write is one transaction with its audit entries inside it. PIN hashes
are written by :mod:`kiosk.storage.pin_hashes`; erasing personal data clears
the PIN hash too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import numpy as np

from kiosk.errors import InputError
from kiosk.storage.models import Employee, utc_text
from kiosk.storage.schema import new_uid
from kiosk.storage.tables import Database, Tables, employee_record, one, required
from kiosk.storage.templates import store_templates, template_row


class CodeTakenError(InputError):
    """The employee code already belongs to ``owner``; nothing was written.

    Callers that know how the user could re-enroll the owner instead (the
    CLI's ``--replace``, the staff list) word their own message from ``owner``.
    """

    def __init__(self, owner: Employee) -> None:
        super().__init__(f"An employee with code {owner.code} already exists ({owner.name}); choose another code.")
        self.owner = owner


class Employees:
    """The ``employees`` table of one repository (``repo.employees``)."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def add(
        self,
        code: str,
        name: str,
        department: str = "",
        consent_at: datetime | None = None,
        actor: str = "admin",
        templates: Sequence[tuple[str, np.ndarray]] = (),
    ) -> Employee:
        """Create an active employee. Raises :class:`InputError` for an empty or duplicate code.

        ``templates`` (angle, 128 floats) are stored in the same transaction,
        so an enrollment never leaves an employee without a face behind.
        """
        code = required(code, "employee code")
        name = required(name, "employee name")
        template_rows = [template_row(0, angle, vector) for angle, vector in templates]
        with self._tables.tx.writing() as db:
            taken = one(db, "SELECT * FROM employees WHERE code = ?", [code])
            if taken is not None:
                raise CodeTakenError(employee_record(taken))
            return self._insert(db, code, name, department.strip(), consent_at, actor, template_rows)

    def enroll(
        self,
        code: str,
        name: str,
        templates: Sequence[tuple[str, np.ndarray]],
        *,
        department: str = "",
        consent_at: datetime | None = None,
        replace: bool = False,
        vet: Callable[[Employee | None], None] | None = None,
        actor: str = "admin",
    ) -> Employee:
        """Create an employee with ``templates``, or re-enroll the code's owner: ONE transaction.

        Whether the code exists is decided inside the write transaction
        (``BEGIN IMMEDIATE``), so of two enrollments of one new code the second
        gets :class:`CodeTakenError` instead of taking the first one over. An
        existing code raises :class:`CodeTakenError` too unless ``replace``;
        with ``replace`` the owner keeps their id and attendance history, gets
        these templates instead of theirs, the new name, the new department
        (an empty one keeps theirs), ``consent_at`` (``None`` keeps theirs) and
        is active again. Details, templates and audit entries commit together
        or not at all: a crash never leaves the new templates under the old name.

        ``vet(owner)`` runs inside the transaction, after the code check and
        before any write, with the code's current owner (``None`` for a new
        code); whatever it raises rolls everything back. The duplicate-face
        check goes there, so it sees exactly the gallery the write changes.
        """
        code = required(code, "employee code")
        name = required(name, "employee name")
        department = department.strip()
        if not templates:
            raise InputError("No face templates given; capture or choose at least one photo.")
        template_rows = [template_row(0, angle, vector) for angle, vector in templates]
        purge = False
        with self._tables.tx.writing() as db:
            row = one(db, "SELECT * FROM employees WHERE code = ?", [code])
            owner = employee_record(row) if row is not None else None
            if owner is not None and not replace:
                raise CodeTakenError(owner)
            if vet is not None:
                vet(owner)
            if row is None:
                return self._insert(db, code, name, department, consent_at, actor, template_rows)
            wanted: dict[str, Any] = {"name": name, "active": 1}
            if department:
                wanted["department"] = department
            if consent_at is not None:
                wanted["consent_at"] = utc_text(consent_at)
            changes = {key: value for key, value in wanted.items() if row[key] != value}
            if changes:
                db.table("employees").update(row["id"], changes)
                detail = "; ".join(f"{key}: {row[key]!r} -> {value!r}" for key, value in changes.items())
                self._tables.audit(db, actor, "update_employee", f"{code}: re-enrolled; {detail}")
            purge = store_templates(self._tables, db, row["id"], code, template_rows, actor) > 0
        if purge:
            self._tables.tx.purge_wal()
        return employee_record({**row, **changes})

    def update(
        self,
        employee_id: int,
        *,
        name: str | None = None,
        department: str | None = None,
        active: bool | None = None,
        consent_at: datetime | None = None,
        actor: str = "admin",
    ) -> Employee:
        """Change the given fields (``None`` leaves a field as it is) and audit the change.

        Setting ``active=False`` deactivates: the person's templates leave
        :meth:`~kiosk.storage.templates.Templates.gallery` and their PIN stops
        working, but history stays.
        """
        with self._tables.tx.writing() as db:
            row = self._tables.employee_row(db, employee_id)
            wanted: dict[str, Any] = {}
            if name is not None:
                wanted["name"] = required(name, "employee name")
            if department is not None:
                wanted["department"] = department.strip()
            if active is not None:
                wanted["active"] = int(bool(active))
            if consent_at is not None:
                wanted["consent_at"] = utc_text(consent_at)
            changes = {key: value for key, value in wanted.items() if row[key] != value}
            if not changes:
                return employee_record(row)
            if "active" in changes:
                action = "activate_employee" if changes["active"] else "deactivate_employee"
            else:
                action = "update_employee"
            detail = "; ".join(f"{key}: {row[key]!r} -> {value!r}" for key, value in changes.items())
            if "active" in changes:  # the retention period counts from here (kiosk.retention)
                changes["deactivated_at"] = None if changes["active"] else utc_text(self._tables.clock())
            db.table("employees").update(employee_id, changes)
            self._tables.audit(db, actor, action, f"{row['code']}: {detail}")
        return employee_record({**row, **changes})

    def get(self, employee_id: int) -> Employee | None:
        """The employee with this database id, or ``None``."""
        with self._tables.tx.reading() as db:
            row = one(db, "SELECT * FROM employees WHERE id = ?", [employee_id])
        return employee_record(row) if row else None

    def find(self, code: str) -> Employee | None:
        """The employee with this code (surrounding spaces ignored), or ``None``."""
        with self._tables.tx.reading() as db:
            row = one(db, "SELECT * FROM employees WHERE code = ?", [code.strip()])
        return employee_record(row) if row else None

    def all(self, *, include_inactive: bool = True, search: str | None = None) -> list[Employee]:
        """Employees ordered by code; ``search`` matches part of code, name or department, any case."""
        sql = "SELECT * FROM employees WHERE 1 = 1"
        params: list[Any] = []
        if not include_inactive:
            sql += " AND active = 1"
        if search and search.strip():
            pattern = "%" + re.sub(r"([\\%_])", r"\\\1", search.strip()) + "%"
            sql += " AND (code LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR department LIKE ? ESCAPE '\\')"
            params += [pattern] * 3
        with self._tables.tx.reading() as db:
            rows = list(db.query(sql + " ORDER BY code", params))
        return [employee_record(row) for row in rows]

    def departments(self) -> list[str]:
        """Distinct non-empty department names, sorted."""
        with self._tables.tx.reading() as db:
            rows = list(
                db.query("SELECT DISTINCT department FROM employees WHERE department != '' ORDER BY department")
            )
        return [row["department"] for row in rows]

    def delete_biometrics(self, employee_id: int, actor: str = "admin") -> int:
        """Delete every face template of the employee; return how many were deleted.

        Face photos are never stored, so templates are all there is to delete.
        """
        with self._tables.tx.writing() as db:
            row = self._tables.employee_row(db, employee_id)
            deleted = db.execute("DELETE FROM templates WHERE employee_id = ?", [employee_id]).rowcount
            self._tables.audit(db, actor, "delete_biometrics", f"{row['code']}: {deleted} templates deleted")
        self._tables.tx.purge_wal()
        return deleted

    def erase_personal_data(self, employee_id: int, actor: str, reason: str) -> tuple[int, bool]:
        """Erase the employee's face templates and personal PIN for good; keep them and their history.

        One transaction, audited as ``erase_biometrics`` with ``reason``; then,
        as in :meth:`delete_biometrics`, ``secure_delete`` and a WAL purge leave
        no copy of the templates in the file or the WAL. Returns (templates
        deleted, whether a PIN was set).
        """
        with self._tables.tx.writing() as db:
            row = self._tables.employee_row(db, employee_id)
            deleted = db.execute("DELETE FROM templates WHERE employee_id = ?", [employee_id]).rowcount
            had_pin = row["pin_hash"] is not None
            if had_pin:
                db.table("employees").update(employee_id, {"pin_hash": None})
            pin = "the personal PIN" if had_pin else "no PIN"
            detail = f"{row['code']}: {deleted} templates and {pin} erased; {reason}"
            self._tables.audit(db, actor, "erase_biometrics", detail)
        self._tables.tx.purge_wal()
        return deleted, had_pin

    def _insert(
        self,
        db: Database,
        code: str,
        name: str,
        department: str,
        consent_at: datetime | None,
        actor: str,
        template_rows: list[dict[str, Any]],
    ) -> Employee:
        """Insert a new active employee and their templates, with audit entries, inside ``db``'s transaction."""
        row = {
            "code": code,
            "name": name,
            "department": department,
            "active": 1,
            "consent_at": utc_text(consent_at) if consent_at else None,
            "created_at": utc_text(self._tables.clock()),
            "pin_hash": None,
            "uid": new_uid(),
        }
        employee_id = db.table("employees").insert(row).last_pk
        assert employee_id is not None  # an INTEGER PRIMARY KEY insert always has one
        consent = f" consent_at={row['consent_at']}" if row["consent_at"] else ""
        self._tables.audit(db, actor, "add_employee", f"{code} {name!r} department={department!r}{consent}")
        if template_rows:
            store_templates(self._tables, db, employee_id, code, template_rows, actor)
        return employee_record({**row, "id": employee_id})
