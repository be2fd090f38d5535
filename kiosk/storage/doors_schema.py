"""Schema version 6: doors bound to their login and device id, and enrollment at a door as a request.

Kept beside :mod:`kiosk.storage.schema` (which lists it in ``MIGRATIONS``),
written like the others with the same placeholders, and never edited once
released. What it adds (on both engines, so a kiosk's file and the server
keep the same tables; only the server gives them meaning):

* ``doors``: each door HR registered, by its database login (``role_name``)
  and the ``device_id`` its check-ins carry, who registered it and when, and
  whether HR ``confirmed`` it. On a server, the doors already seen in events
  before this upgrade are listed unconfirmed and without a login, for HR to
  confirm on the workstation's Doors page (:mod:`kiosk.storage.doors`).
* ``employees.enrolled_by`` and ``employees.approval``: a person a door
  enrolled is ``pending`` until HR approves (or rejects) the enrollment; until
  then only that door's login sees them. Everyone else is ``approved``.
* ``reenrollment_requests`` and ``reenrollment_templates``: a door's
  re-enrollment of someone already on the server, sent to HR as a request
  (its new details and templates), applied only when HR approves it.

Who may do what with these rows is not decided here but in the roles file
(``kiosk/security/roles.sql``: grants and row-level security policies, which
name the roles it creates). This migration only adds, on PostgreSQL, the
functions those policies call; they are ``SECURITY DEFINER`` with a fixed
``search_path``, so a door reads its own registration without any right on
``doors``, and nobody can shadow a table they read with one of their own.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

#: How far ahead of the server's clock a door's check-in may be dated, in minutes. Kiosk clocks drift
#: and a round takes a moment, so "now" at a door is a little later than the server's now; a day
#: ahead is a forgery. Past times are always allowed: an offline kiosk sends yesterday's check-ins.
#: Written into the server's ``kiosk_latest_event_time()`` here; a released migration keeps its value.
EVENT_FUTURE_LIMIT_MIN = 5

#: ``employees.approval``: ``approved`` (everyone HR or an owner added, and everyone before version 6),
#: ``pending`` (enrolled at a door, waiting for HR) or ``rejected`` (HR refused the enrollment).
APPROVAL_STATES: tuple[str, ...] = ("approved", "pending", "rejected")
#: ``reenrollment_requests.status``.
REQUEST_STATES: tuple[str, ...] = ("pending", "approved", "rejected")
#: Event sources that a door records itself (the others, ``manual`` and ``import``, name no door).
DOOR_SOURCES: tuple[str, ...] = ("face", "pin")
#: Who ``doors.registered_by`` names for the doors this upgrade found in the events.
UPGRADE_ACTOR = "upgrade"

# Written out rather than imported from kiosk.storage.schema (which imports this module): a released
# migration must not change when those constants do.
_ANGLES: tuple[str, ...] = ("front", "left", "right", "up", "down", "photo")
_VECTOR_BYTES = 128 * 4


class SchemaDatabase(Protocol):
    """What this migration needs of a connection (as :class:`kiosk.storage.schema.SchemaDatabase`)."""

    dialect: Any

    def execute(self, sql: str, parameters: Any = ...) -> Any: ...

    def query(self, sql: str, params: Any = ...) -> Any: ...


def _run(db: SchemaDatabase, statements: list[str]) -> None:
    for statement in statements:
        db.execute(db.dialect.sql(statement))


def v6_doors(db: SchemaDatabase) -> None:
    """The ``doors`` table, enrollment approval on ``employees``, re-enrollment requests (see the module)."""
    approvals = ", ".join(f"'{state}'" for state in APPROVAL_STATES)
    statuses = ", ".join(f"'{state}'" for state in REQUEST_STATES)
    angles = ", ".join(f"'{angle}'" for angle in _ANGLES)
    _run(db, [
        """CREATE TABLE doors (
            id {pk},
            device_id TEXT NOT NULL UNIQUE,
            role_name TEXT UNIQUE,
            registered_by TEXT NOT NULL,
            registered_at TEXT NOT NULL,
            confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
            CHECK (confirmed = 0 OR role_name IS NOT NULL)
        )""",
        "ALTER TABLE employees ADD COLUMN enrolled_by TEXT",
        f"ALTER TABLE employees ADD COLUMN approval TEXT NOT NULL DEFAULT 'approved' CHECK (approval IN ({approvals}))",
        f"""CREATE TABLE reenrollment_requests (
            id {{pk}},
            fingerprint TEXT NOT NULL UNIQUE,
            employee_id {{ref}} NOT NULL REFERENCES employees(id),
            requested_by TEXT NOT NULL,
            device_id TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            name TEXT NOT NULL,
            department TEXT NOT NULL DEFAULT '',
            consent_at TEXT,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ({statuses})),
            decided_by TEXT,
            decided_at TEXT,
            reason TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX reenrollment_requests_employee ON reenrollment_requests(employee_id)",
        f"""CREATE TABLE reenrollment_templates (
            id {{pk}},
            request_id {{ref}} NOT NULL REFERENCES reenrollment_requests(id),
            uid TEXT NOT NULL UNIQUE,
            angle TEXT NOT NULL CHECK (angle IN ({angles})),
            vector {{blob}} NOT NULL CHECK (length(vector) = {_VECTOR_BYTES}),
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX reenrollment_templates_request ON reenrollment_templates(request_id)",
    ])  # fmt: skip
    if db.dialect.name == "sqlite":
        return
    _server_functions(db)
    # The doors that recorded check-ins before this upgrade, for HR to confirm with their logins:
    # no event says which login sent it, so HR pairs them (the Doors page lists both sides).
    db.execute(
        "INSERT INTO doors (device_id, role_name, registered_by, registered_at, confirmed) "
        f"SELECT device_id, NULL, ?, ?, 0 FROM events WHERE source IN ({', '.join('?' * len(DOOR_SOURCES))}) "
        "GROUP BY device_id ORDER BY min(at_utc)",
        [UPGRADE_ACTOR, datetime.now(UTC).isoformat(timespec="microseconds"), *DOOR_SOURCES],
    )


def _server_functions(db: SchemaDatabase) -> None:
    """The functions the roles file's policies call (PostgreSQL only)."""
    [row] = list(db.query("SELECT current_schema() AS name"))
    schema = '"' + str(row["name"]).replace('"', '""') + '"'
    # pg_temp last: a caller's temporary table can never stand in for ours.
    fixed = f"SET search_path = {schema}, pg_temp"
    for statement in (
        # The device id of the door this session's login is, once HR confirmed it; NULL for any other login.
        # session_user, not current_user: a door that SETs ROLE to its group is still only itself.
        f"""CREATE FUNCTION kiosk_door_device() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER {fixed} AS $$
            SELECT device_id FROM doors WHERE role_name = session_user AND confirmed = 1
        $$""",
        # Who this session is, for a sync round's first question: the login, whether it is a door's
        # (a member of kiosk_door, if the roles file created that group; a superuser is nobody's door),
        # and its registered device id.
        f"""CREATE FUNCTION kiosk_login(OUT login_role text, OUT is_door boolean, OUT door_device text)
            LANGUAGE sql STABLE SECURITY DEFINER {fixed} AS $$
            SELECT session_user::text,
                   coalesce((SELECT NOT u.rolsuper AND pg_has_role(u.oid, g.oid, 'MEMBER')
                             FROM pg_roles u, pg_roles g
                             WHERE u.rolname = session_user AND g.rolname = 'kiosk_door'), false),
                   kiosk_door_device()
        $$""",
        # The latest time a door may date a check-in: the server's clock plus the allowance.
        f"""CREATE FUNCTION kiosk_latest_event_time() RETURNS timestamptz LANGUAGE sql STABLE {fixed} AS $$
            SELECT statement_timestamp() + interval '{EVENT_FUTURE_LIMIT_MIN} minutes'
        $$""",
    ):
        db.execute(statement)
