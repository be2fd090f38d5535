"""Enrollments made at the doors, waiting for HR: ``repo.enrollment_requests`` lists, approves and rejects them.

Two kinds arrive from the doors' sync rounds (schema version 6; the server's
row-level security makes them requests, see the roles file):

* a **new** person enrolled at a door: an ``employees`` row with ``approval =
  'pending'`` and the door's login in ``enrolled_by``. Only that door sees
  them (and recognises them) until HR decides. Approving makes them everyone's
  (their check-ins are stamped again, so every door's next round pulls them
  too); rejecting deactivates them and erases their face templates and PIN,
  which the enrolling door learns at its next round.
* a **re-enrollment** of someone already on the server: a row of
  ``reenrollment_requests`` with the new details and templates. Approving
  gives the person those details and templates (under the same template ids
  the door holds, so the door and the server agree again); rejecting leaves
  the server as it was (the door keeps its local change, as before).

Each decision is one transaction with its audit entry (``approve_enrollment``,
``reject_enrollment``, ``approve_reenrollment``, ``reject_reenrollment``); the
HR login that decided is recorded too. Only a server has requests; a kiosk's
own file refuses with :class:`InputError`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.errors import InputError
from kiosk.storage.doors import server_login
from kiosk.storage.models import parse_utc, utc_text
from kiosk.storage.tables import Database, Tables, one, required


class RequestKind(enum.StrEnum):
    """What a door asks HR to approve."""

    NEW = "new"
    """A person the door enrolled who was not on the server."""
    REENROLL = "reenroll"
    """New details and face templates for someone already on the server."""


@dataclass(frozen=True)
class EnrollmentRequest:
    """One enrollment waiting for HR: who (code, name, department), which door (its login and the
    device id HR registered for it), when (UTC), the consent record (``consent_at``, UTC, ``None``
    if none was recorded) and how many face templates. ``id`` is the employee's id for
    :attr:`RequestKind.NEW` and the request's for :attr:`RequestKind.REENROLL`; ``current_name``
    is the name on the server now (what a re-enrollment would replace)."""

    kind: RequestKind
    id: int
    employee_id: int
    code: str
    name: str
    department: str
    door_login: str
    device_id: str
    requested_at: datetime
    consent_at: datetime | None
    templates: int
    current_name: str


class EnrollmentRequests:
    """The doors' enrollment requests on a server repository (``repo.enrollment_requests``)."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def _server(self) -> None:
        if self._tables.engine == "sqlite":
            raise InputError("Enrollment requests come from the doors, on the company server: open it with --db.")

    def pending(self) -> list[EnrollmentRequest]:
        """Every enrollment waiting for HR, oldest first."""
        self._server()
        with self._tables.tx.reading() as db:
            new = [
                _request(RequestKind.NEW, row)
                for row in db.query(
                    "SELECT e.id, e.id AS employee_id, e.code, e.name, e.department, e.enrolled_by AS door_login, "
                    "coalesce(d.device_id, '') AS device_id, e.created_at AS requested_at, e.consent_at, "
                    "(SELECT count(*) FROM templates t WHERE t.employee_id = e.id) AS templates, "
                    "e.name AS current_name FROM employees e LEFT JOIN doors d ON d.role_name = e.enrolled_by "
                    "WHERE e.approval = 'pending'"
                )
            ]
            again = [
                _request(RequestKind.REENROLL, row)
                for row in db.query(
                    "SELECT r.id, r.employee_id, e.code, r.name, r.department, r.requested_by AS door_login, "
                    "r.device_id, r.requested_at, r.consent_at, "
                    "(SELECT count(*) FROM reenrollment_templates t WHERE t.request_id = r.id) AS templates, "
                    "e.name AS current_name FROM reenrollment_requests r JOIN employees e ON e.id = r.employee_id "
                    "WHERE r.status = 'pending'"
                )
            ]
        return sorted(new + again, key=lambda request: (request.requested_at, request.kind))

    def approve(self, request: EnrollmentRequest, actor: str) -> None:
        """Make ``request`` everyone's: the new person joins every door's gallery at its next round, or
        the re-enrolled person's details and templates become the ones on the server. Audited."""
        self._server()
        with self._tables.tx.writing() as db:
            who = server_login(db)
            if request.kind is RequestKind.NEW:
                row = self._waiting_employee(db, request.id)
                db.execute("UPDATE employees SET approval = 'approved' WHERE id = ?", [row["id"]])
                # Their check-ins are stamped again (change_xid), so doors that could not see them pull them now.
                db.execute("UPDATE events SET note = note WHERE employee_id = ?", [row["id"]])
                self._tables.audit(db, actor, "approve_enrollment", f"{_enrolled(db, row)}; approved by {who}")
                return
            asked = self._waiting_request(db, request.id)
            employee = self._tables.employee_row(db, asked["employee_id"])
            if employee["approval"] != "approved":
                raise InputError(
                    f"{employee['code']} is not approved on the server ({employee['approval']}); a re-enrollment "
                    "applies only to approved staff: decide their enrollment first, or reject this request."
                )
            templates = list(
                db.query(
                    "SELECT uid, angle, vector, created_at FROM reenrollment_templates WHERE request_id = ? "
                    "ORDER BY id",
                    [asked["id"]],
                )
            )
            changes: dict[str, Any] = {"name": asked["name"], "department": asked["department"], "active": 1,
                                       "deactivated_at": None}  # fmt: skip
            if asked["consent_at"]:
                changes["consent_at"] = asked["consent_at"]
            db.table("employees").update(employee["id"], changes)
            db.execute("DELETE FROM templates WHERE employee_id = ?", [employee["id"]])
            db.table("templates").insert_all([{**template, "employee_id": employee["id"]} for template in templates])
            self._decide(db, asked["id"], "approved", who, "")
            self._tables.audit(
                db, actor, "approve_reenrollment",
                f"{employee['code']} {asked['name']!r}: re-enrolled on {asked['device_id']} "
                f"(login {asked['requested_by']}) at {asked['requested_at']}, {len(templates)} templates; "
                f"approved by {who}",
            )  # fmt: skip

    def reject(self, request: EnrollmentRequest, reason: str, actor: str) -> None:
        """Refuse ``request``; ``reason`` is required and audited.

        A new person is deactivated and their face templates and PIN erased (the door that
        enrolled them stops recognising them at its next round); their check-ins stay, for HR
        to review. A re-enrollment leaves the server as it was.
        """
        self._server()
        reason = required(reason, "reason")
        with self._tables.tx.writing() as db:
            who = server_login(db)
            if request.kind is RequestKind.NEW:
                row = self._waiting_employee(db, request.id)
                db.execute(
                    "UPDATE employees SET approval = 'rejected', active = 0, deactivated_at = ?, pin_hash = NULL "
                    "WHERE id = ?",
                    [utc_text(self._tables.clock()), row["id"]],
                )
                erased = db.execute("DELETE FROM templates WHERE employee_id = ?", [row["id"]]).rowcount
                self._tables.audit(
                    db, actor, "reject_enrollment",
                    f"{_enrolled(db, row)}; rejected by {who}, {erased} templates erased; reason: {reason}",
                )  # fmt: skip
                return
            asked = self._waiting_request(db, request.id)
            employee = self._tables.employee_row(db, asked["employee_id"])
            self._decide(db, asked["id"], "rejected", who, reason)
            self._tables.audit(
                db, actor, "reject_reenrollment",
                f"{employee['code']} {asked['name']!r}: re-enrolled on {asked['device_id']} "
                f"(login {asked['requested_by']}) at {asked['requested_at']}; rejected by {who}; reason: {reason}",
            )  # fmt: skip

    def _waiting_employee(self, db: Database, employee_id: int) -> dict[str, Any]:
        row = self._tables.employee_row(db, employee_id)
        if row["approval"] != "pending":
            raise InputError(f"The enrollment of {row['code']} was already decided; refresh the list.")
        return row

    def _waiting_request(self, db: Database, request_id: int) -> dict[str, Any]:
        row = one(db, "SELECT * FROM reenrollment_requests WHERE id = ?", [request_id])
        if row is None or row["status"] != "pending":
            raise InputError("This re-enrollment request was already decided; refresh the list.")
        return row

    def _decide(self, db: Database, request_id: int, status: str, who: str, reason: str) -> None:
        db.execute(
            "UPDATE reenrollment_requests SET status = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ?",
            [status, who, utc_text(self._tables.clock()), reason, request_id],
        )


def _request(kind: RequestKind, row: dict[str, Any]) -> EnrollmentRequest:
    return EnrollmentRequest(
        kind=kind,
        id=int(row["id"]),
        employee_id=int(row["employee_id"]),
        code=row["code"],
        name=row["name"],
        department=row["department"],
        door_login=row["door_login"] or "",
        device_id=row["device_id"],
        requested_at=parse_utc(row["requested_at"]),
        consent_at=parse_utc(row["consent_at"]),
        templates=int(row["templates"]),
        current_name=row["current_name"],
    )


def _enrolled(db: Database, row: dict[str, Any]) -> str:
    """What an audit entry says about a door's new enrollment: who, which door, when, the consent."""
    consent = f"consent {row['consent_at']}" if row["consent_at"] else "no consent recorded"
    registered = one(db, "SELECT device_id FROM doors WHERE role_name = ?", [row["enrolled_by"]])
    door = registered["device_id"] if registered else "a door no longer registered"
    return (
        f"{row['code']} {row['name']!r}: enrolled on {door} (login {row['enrolled_by']}) at {row['created_at']}, "
        f"{consent}"
    )
