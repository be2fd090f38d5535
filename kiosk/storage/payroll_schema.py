"""Schema version 5: HR's payroll tables, and events that may come from an import.

Kept beside :mod:`kiosk.storage.schema` (which lists it in ``MIGRATIONS``) so
that module stays readable; it is written like the others, with the same
placeholders (``{pk}``, ``{ref}``, ``{real}``) filled from the connection's
:class:`~kiosk.storage.schema.Dialect`. Like every released migration, it is
never edited: a change is a new migration.
"""

from __future__ import annotations

from typing import Any, Protocol


class SchemaDatabase(Protocol):
    """What this migration needs of a connection (the same as :class:`kiosk.storage.schema.SchemaDatabase`;
    not imported from there, which imports this module)."""

    dialect: Any

    def execute(self, sql: str, parameters: Any = ...) -> Any: ...

    def query(self, sql: str, params: Any = ...) -> Any: ...


def _run(db: SchemaDatabase, statements: list[str]) -> None:
    for statement in statements:
        db.execute(db.dialect.sql(statement))


#: Leave types HR records (``leaves.type``); the rules' own enum is :class:`kiosk.attendance.records.LeaveType`.
LEAVE_TYPES: tuple[str, ...] = ("annual", "sick", "personal", "other")
#: Event sources from version 5 on: ``import`` is a punch read from another system's file. Written out
#: rather than taken from ``EventSource``: a released migration must not change when that enum grows.
_V5_EVENT_SOURCES: tuple[str, ...] = ("face", "pin", "manual", "import")


def v5_payroll(db: SchemaDatabase) -> None:
    """Shifts, shift assignments, the company's calendar dates and leave, and imported punches.

    Times of day and local dates are text (``HH:MM``, ``YYYY-MM-DD``, leave
    ``YYYY-MM-DDTHH:MM``): the kiosk's wall clock, as payroll reads it, so text
    order is time order. An assignment names its shift by id, so renaming a
    shift keeps its history; one per employee and date (the newest on or
    before a day decides it). Events may now come from an ``import``. Which
    imported punches are already stored is checked in the importing
    transaction, not by a unique index: a kiosk and its server that both
    imported one file would otherwise fail every sync round on the duplicate.

    SQLite cannot change a CHECK constraint, so its ``events`` table is
    rebuilt with the same columns in the same order (ids and uids kept; the
    file is nobody's server, so there are no triggers to carry over).
    """
    sources = ", ".join(f"'{source}'" for source in _V5_EVENT_SOURCES)
    leave_types = ", ".join(f"'{kind}'" for kind in LEAVE_TYPES)
    _run(db, [
        """CREATE TABLE shifts (
            id {pk},
            name TEXT NOT NULL UNIQUE,
            start_time TEXT NOT NULL CHECK (length(start_time) = 5),
            end_time TEXT NOT NULL CHECK (length(end_time) = 5),
            breaks TEXT NOT NULL DEFAULT '[]',
            late_grace_min INTEGER NOT NULL DEFAULT 5 CHECK (late_grace_min >= 0),
            early_grace_min INTEGER NOT NULL DEFAULT 0 CHECK (early_grace_min >= 0),
            workdays TEXT NOT NULL DEFAULT '0,1,2,3,4',
            statutory_calendar INTEGER NOT NULL DEFAULT 1 CHECK (statutory_calendar IN (0, 1)),
            created_at TEXT NOT NULL,
            CHECK (start_time <> end_time)
        )""",
        """CREATE TABLE shift_assignments (
            id {pk},
            employee_id {ref} NOT NULL REFERENCES employees(id),
            shift_id {ref} NOT NULL REFERENCES shifts(id),
            valid_from TEXT NOT NULL CHECK (length(valid_from) = 10),
            created_at TEXT NOT NULL,
            UNIQUE (employee_id, valid_from)
        )""",
        "CREATE INDEX shift_assignments_shift ON shift_assignments(shift_id)",
        """CREATE TABLE calendar_overrides (
            id {pk},
            day TEXT NOT NULL UNIQUE CHECK (length(day) = 10),
            off INTEGER NOT NULL CHECK (off IN (0, 1)),
            name TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )""",
        f"""CREATE TABLE leaves (
            id {{pk}},
            employee_id {{ref}} NOT NULL REFERENCES employees(id),
            start_local TEXT NOT NULL CHECK (length(start_local) = 16),
            end_local TEXT NOT NULL CHECK (length(end_local) = 16),
            type TEXT NOT NULL CHECK (type IN ({leave_types})),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK (start_local < end_local)
        )""",
        "CREATE INDEX leaves_employee_start ON leaves(employee_id, start_local)",
    ])  # fmt: skip
    if db.dialect.name != "sqlite":
        checks = db.query(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'events'::regclass AND contype = 'c' "
            "AND pg_get_constraintdef(oid) LIKE '%source%'"
        )
        for check in list(checks):
            db.execute(f'ALTER TABLE events DROP CONSTRAINT "{check["conname"]}"')
        db.execute(f"ALTER TABLE events ADD CONSTRAINT events_source_check CHECK (source IN ({sources}))")
        return
    columns = (
        "id, employee_id, kind, at_utc, utc_offset_minutes, distance, live, source, device_id, note, uid, change_xid"
    )
    _run(db, [
        f"""CREATE TABLE events_v5 (
            id {{pk}},
            employee_id {{ref}} NOT NULL REFERENCES employees(id),
            kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),
            at_utc TEXT NOT NULL,
            utc_offset_minutes INTEGER NOT NULL,
            distance {{real}},
            live INTEGER NOT NULL CHECK (live IN (0, 1)),
            source TEXT NOT NULL CHECK (source IN ({sources})),
            device_id TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            uid TEXT,
            change_xid BIGINT
        )""",
        f"INSERT INTO events_v5 ({columns}) SELECT {columns} FROM events",
        "DROP TABLE events",
        "ALTER TABLE events_v5 RENAME TO events",
        "CREATE INDEX events_employee_time ON events(employee_id, at_utc)",
        "CREATE INDEX events_time ON events(at_utc)",
        "CREATE UNIQUE INDEX events_uid ON events(uid)",
    ])  # fmt: skip
