"""The doors HR registered on the company server: ``repo.doors`` lists, registers and removes them.

A door is a kiosk's database login bound to the device id its check-ins
carry (``doors``, schema version 6). The server's row-level security (the
roles file) lets a login write only once HR registered it here, and only
check-ins under that device id. After the upgrade to version 6, the doors
already seen in events are listed without a login and unconfirmed
(:attr:`Door.confirmed` false): HR confirms each by naming its login, so no
door stops syncing without being told why (``kiosk sync`` names its login and
device id).

Only a server has doors; a kiosk's own file refuses with :class:`InputError`.
Every change is one transaction with its audit entry (``register_door``,
``remove_door``), recorded under the HR login that made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from kiosk.errors import InputError
from kiosk.storage.models import parse_utc, utc_text
from kiosk.storage.tables import Database, Tables, one, required

#: The group role every door login belongs to (created by the roles file).
DOOR_GROUP = "kiosk_door"

#: A PostgreSQL role name as a door login may be written (unquoted identifiers only).
_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_$]{0,62}")


@dataclass(frozen=True)
class Door:
    """One row of ``doors``: a device id, the login HR bound it to (``None`` while only seen in
    events), who registered it and when (UTC), and whether HR confirmed it."""

    id: int
    device_id: str
    role_name: str | None
    registered_by: str
    registered_at: datetime
    confirmed: bool


@dataclass(frozen=True)
class DoorCandidates:
    """What HR may still register: door logins (members of ``kiosk_door``) with no door yet,
    and device ids that recorded check-ins but belong to no confirmed door."""

    logins: list[str]
    device_ids: list[str]


class Doors:
    """The ``doors`` table of a server repository (``repo.doors``)."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def _server(self) -> None:
        if self._tables.engine == "sqlite":
            raise InputError("Doors are registered on the company server: open it with --db postgresql://…")

    def all(self) -> list[Door]:
        """Every door, unconfirmed ones (seen in events before the upgrade) first, then by device id."""
        self._server()
        with self._tables.tx.reading() as db:
            rows = list(db.query("SELECT * FROM doors ORDER BY confirmed, device_id"))
        return [_door(row) for row in rows]

    def candidates(self) -> DoorCandidates:
        """Door logins not registered yet, and device ids in events that no confirmed door carries."""
        self._server()
        with self._tables.tx.reading() as db:
            logins = [
                row["rolname"]
                for row in db.query(
                    "SELECT u.rolname FROM pg_roles u JOIN pg_auth_members m ON m.member = u.oid "
                    "JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = ? AND u.rolcanlogin "
                    "AND u.rolname NOT IN (SELECT role_name FROM doors WHERE role_name IS NOT NULL) "
                    "ORDER BY u.rolname",
                    [DOOR_GROUP],
                )
            ]
            devices = [
                row["device_id"]
                for row in db.query(
                    "SELECT DISTINCT device_id FROM events WHERE source IN ('face', 'pin') AND device_id NOT IN "
                    "(SELECT device_id FROM doors WHERE confirmed = 1) ORDER BY device_id"
                )
            ]
        return DoorCandidates(logins, devices)

    def register(self, role_name: str, device_id: str, actor: str) -> Door:
        """Bind the door login ``role_name`` to ``device_id`` and confirm it: from now on that login
        records check-ins under this device id, and only under it. One transaction, audited.

        A device id already listed (seen in events before the upgrade, or registered before) gets
        this login; :class:`InputError` if the login is not a door login on this server, or if
        it or the device id already belongs to another confirmed door.
        """
        self._server()
        role_name = required(role_name, "door login").lower()
        device_id = required(device_id, "device id")
        if not _ROLE_NAME.fullmatch(role_name):
            raise InputError(f"{role_name!r} is not a login name; a door login is letters, digits and _.")
        with self._tables.tx.writing() as db:
            if not _is_door_login(db, role_name):
                raise InputError(
                    f"There is no door login {role_name} on the server; create it IN ROLE {DOOR_GROUP} "
                    "(README, 'Several doors') and try again."
                )
            by_role = one(db, "SELECT * FROM doors WHERE role_name = ?", [role_name])
            if by_role is not None and by_role["device_id"] != device_id:
                raise InputError(
                    f"The login {role_name} is already the door {by_role['device_id']}; remove that door first."
                )
            by_device = one(db, "SELECT * FROM doors WHERE device_id = ?", [device_id])
            if by_device is not None and by_device["confirmed"] and by_device["role_name"] != role_name:
                raise InputError(
                    f"The device id {device_id} is already the door of {by_device['role_name']}; "
                    "remove that door first."
                )
            who = server_login(db)
            values = {"role_name": role_name, "registered_by": who, "registered_at": utc_text(self._tables.clock()),
                      "confirmed": 1}  # fmt: skip
            if by_device is None:
                door_id = db.table("doors").insert({"device_id": device_id, **values}).last_pk
            else:
                door_id = by_device["id"]
                db.table("doors").update(door_id, values)
            seen = "" if by_device is None or by_device["confirmed"] else " (seen in events before the upgrade)"
            self._tables.audit(db, actor, "register_door", f"{device_id}: login {role_name}, by {who}{seen}")
            row = one(db, "SELECT * FROM doors WHERE id = ?", [door_id])
        assert row is not None
        return _door(row)

    def remove(self, device_id: str, reason: str, actor: str) -> None:
        """Unregister the door ``device_id``: its login can write nothing from the next statement on.

        Its check-ins stay (HR reviews them per door). ``reason`` is required and audited.
        """
        self._server()
        reason = required(reason, "reason")
        with self._tables.tx.writing() as db:
            row = one(db, "SELECT * FROM doors WHERE device_id = ?", [device_id])
            if row is None:
                raise InputError(f"There is no door {device_id}; refresh the list and try again.")
            db.execute("DELETE FROM doors WHERE id = ?", [row["id"]])
            login = row["role_name"] or "no login"
            self._tables.audit(
                db, actor, "remove_door", f"{device_id}: login {login}, by {server_login(db)}; reason: {reason}"
            )


def _door(row: dict) -> Door:
    return Door(
        id=int(row["id"]),
        device_id=row["device_id"],
        role_name=row["role_name"],
        registered_by=row["registered_by"],
        registered_at=parse_utc(row["registered_at"]),
        confirmed=bool(row["confirmed"]),
    )


def server_login(db: Database) -> str:
    """The server login of this connection (what HR's own rows are recorded under)."""
    row = one(db, "SELECT session_user AS login", [])
    assert row is not None
    return str(row["login"])


def _is_door_login(db: Database, role_name: str) -> bool:
    """True if ``role_name`` is a login role and a member of :data:`DOOR_GROUP` (directly or not)."""
    row = one(
        db,
        "SELECT pg_has_role(u.oid, g.oid, 'MEMBER') AND NOT u.rolsuper AS door FROM pg_roles u, pg_roles g "
        "WHERE u.rolname = ? AND u.rolcanlogin AND g.rolname = ?",
        [role_name, DOOR_GROUP],
    )
    return bool(row and row["door"])
