"""A sync round as a door: which login this kiosk is on the server, and what it may send as that door.

The server decides what a door's login may write, row by row (the roles
file's row-level security, schema version 6): only once HR registered the
login as a door, check-ins only under that door's device id and dated at most
:data:`~kiosk.storage.doors_schema.EVENT_FUTURE_LIMIT_MIN` minutes after the
server's clock, new people only as enrollments waiting for HR, and nothing
for anyone it did not enroll. A round asks first (:meth:`Server.login
<kiosk.sync.server.Server.login>`, a :class:`~kiosk.sync.server.DoorLogin`) so it sends only what the server will take,
says in one line what keeps it back (:func:`door_problem`), and turns a
re-enrollment at this door into a request for HR (:func:`send_reenrollment_request`)
instead of an update the server refuses. A login that is not a door's (the
owner's, HR's) syncs as before.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from kiosk.errors import StorageError
from kiosk.storage.models import utc_text
from kiosk.storage.repository import Repository
from kiosk.storage.sync_state import LocalEmployee
from kiosk.sync.server import DoorLogin, Server, ServerRefused

log = logging.getLogger("kiosk.sync")


REFUSED_PREFIX = "server: this kiosk's login "
"""How every :class:`DoorRefused` message starts (the kiosk screen's sync line recognises it)."""


class DoorRefused(StorageError):
    """This kiosk's login may not write as the door it is (unregistered, or registered under another
    device id). The round still brought the gallery down; the message is one line naming the login."""


def door_problem(door: DoorLogin, own_device: str) -> str | None:
    """Why this kiosk's check-ins cannot reach the server as ``door``, in one line, or ``None``.

    ``own_device`` is the device id its check-ins carry (:func:`kiosk.sync.device.event_device_id`).
    """
    if not door.is_door:
        return None
    if door.device_id is None:
        return (
            f"{REFUSED_PREFIX}{door.login} is not registered as a door; ask HR to register it "
            f"on the workstation (Doors page) with this kiosk's device id, {own_device}"
        )
    if door.device_id != own_device:
        return (
            f"{REFUSED_PREFIX}{door.login} is registered as the door {door.device_id}, but this "
            f"kiosk's check-ins carry the device id {own_device}; they wait until HR corrects the door "
            f"on the workstation (Doors page) or this kiosk's device_id setting says {door.device_id}"
        )
    return None


def send_reenrollment_request(
    local: Repository, server: Server, employee: LocalEmployee, on_server: Mapping[str, Any], device: str
) -> bool:
    """Send this door's re-enrollment of ``employee`` (``on_server``: their server row) to HR as a
    request, once; return True if a request went now.

    A door may not change anyone on the server, so its new details and
    templates wait in ``reenrollment_requests`` until HR approves them (the
    workstation's approval page); the kiosk keeps its local copy meanwhile, as
    before. The request is keyed by the local copy's fingerprint, so each
    version is sent once. A local change HR has nothing to decide about (a PIN
    set at this kiosk: the name, department and templates are the server's)
    sends nothing. One server transaction, with its audit entry.
    """
    templates = local.sync_state.templates_to_send(employee.id)
    row = employee.row
    try:
        with server.transaction() as cursor:
            cursor.execute("SELECT status FROM reenrollment_requests WHERE fingerprint = %s", [employee.fingerprint])
            found = cursor.fetchone()
            if found is not None:
                if found[0] == "rejected":
                    log.warning("HR rejected the re-enrollment of %s at this kiosk; it stays here only", row["code"])
                return False
            cursor.execute("SELECT uid FROM templates WHERE employee_id = %s", [on_server["id"]])
            server_templates = sorted(str(uid) for (uid,) in cursor.fetchall())
            same_face = sorted(template[0] for template in templates) == server_templates
            if same_face and (row["name"], row["department"]) == (on_server["name"], on_server["department"]):
                return False
            cursor.execute(
                "INSERT INTO reenrollment_requests (fingerprint, employee_id, requested_by, device_id, requested_at, "
                "name, department, consent_at) VALUES (%s, %s, session_user, %s, %s, %s, %s, %s) RETURNING id",
                [employee.fingerprint, on_server["id"], device, utc_text(datetime.now(UTC)), row["name"],
                 row["department"], row["consent_at"]],
            )  # fmt: skip
            fetched = cursor.fetchone()
            assert fetched is not None
            cursor.executemany(
                "INSERT INTO reenrollment_templates (request_id, uid, angle, vector, created_at) "
                "VALUES (%s, %s, %s, %s, %s)",
                [(fetched[0], uid, angle, vector, at) for uid, angle, vector, at in templates],
            )
            cursor.execute(
                "INSERT INTO audit_log (at_utc, actor, action, detail) VALUES (%s, %s, %s, %s)",
                [utc_text(datetime.now(UTC)), device, "request_reenrollment",
                 f"{row['code']}: re-enrolled on {device}, {len(templates)} templates; sent to HR for approval"],
            )  # fmt: skip
    except ServerRefused as refused:
        log.warning("the re-enrollment of %s stays on this kiosk only: %s", row["code"], refused)
        return False
    log.info("the re-enrollment of %s went to HR for approval", row["code"])
    return True
