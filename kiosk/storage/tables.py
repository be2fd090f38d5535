"""What the repository's helper objects share: the transactions, the clock, audit entries, row converters.

:class:`~kiosk.storage.repository.Repository` opens the database and hands one
:class:`Tables` to each helper (``repo.employees``, ``repo.events`` …), so they
all write through the same connection, lock and clock. Every write runs in
one transaction of :attr:`Tables.tx` and writes its audit entry inside it
(:meth:`Tables.audit`), so the log can never disagree with the data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from kiosk.errors import InputError
from kiosk.storage import postgres
from kiosk.storage.models import AttendanceEvent, Direction, Employee, parse_flags, parse_utc, utc_text
from kiosk.storage.sqlite import SqliteDatabase, Transactions

#: A connection of either engine: sqlite-utils' (a file) or :class:`~kiosk.storage.postgres.PostgresDatabase`.
Database = SqliteDatabase | postgres.PostgresDatabase

#: The columns of an event row, in the order :func:`event_record` reads them.
EVENT_COLUMNS = (
    "id, employee_id, kind, at_utc, utc_offset_minutes, distance, live, source, device_id, note, uid, flags"
)


def utc_now() -> datetime:
    """The default clock: now, in UTC."""
    return datetime.now(UTC)


class Tables:
    """One repository's shared context for its helper objects.

    ``tx`` serialises the connection and wraps writes (``reading()``,
    ``writing()``: ``BEGIN IMMEDIATE`` on a file, the write lock on a server);
    ``clock`` stamps audit entries and creation times (an aware datetime);
    ``engine`` is ``"sqlite"`` or ``"postgresql"``; ``read_only`` is the
    repository's (nothing may be written, not even a key fingerprint).
    """

    def __init__(
        self,
        tx: Transactions | postgres.PostgresTransactions,
        clock: Callable[[], datetime],
        engine: str,
        read_only: bool,
    ) -> None:
        self.tx = tx
        self.clock = clock
        self.engine = engine
        self.read_only = read_only

    def audit(self, db: Database, actor: str, action: str, detail: str) -> None:
        """Append one audit entry inside ``db``'s (write) transaction, stamped with the clock."""
        db.table("audit_log").insert(
            {
                "at_utc": utc_text(self.clock()),
                "actor": required(actor, "actor"),
                "action": required(action, "action"),
                "detail": detail,
            }
        )

    def employee_row(self, db: Database, employee_id: int) -> dict[str, Any]:
        """The employee's row; :class:`InputError` if there is none (deleted or never stored)."""
        row = one(db, "SELECT * FROM employees WHERE id = ?", [employee_id])
        if row is None:
            raise InputError(f"There is no employee with id {employee_id}; refresh the list and try again.")
        return row


# --------------------------------------------------------------------- row helpers


def one(db: Database, sql: str, params: list[Any]) -> dict[str, Any] | None:
    """The first row ``sql`` returns, or ``None``."""
    return next(iter(db.query(sql, params)), None)


def required(text: str, what: str) -> str:
    """``text`` without surrounding spaces; :class:`InputError` naming ``what`` if nothing is left."""
    stripped = text.strip() if isinstance(text, str) else ""
    if not stripped:
        raise InputError(f"The {what} cannot be empty; please fill it in.")
    return stripped


def employee_record(row: dict[str, Any]) -> Employee:
    """An ``employees`` row as an :class:`Employee` (the PIN hash itself stays behind)."""
    return Employee(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        department=row["department"],
        active=bool(row["active"]),
        consent_at=parse_utc(row["consent_at"]),
        has_pin=row["pin_hash"] is not None,
        deactivated_at=parse_utc(row.get("deactivated_at")),
        uid=row.get("uid") or "",
    )


def event_record(row: dict[str, Any]) -> AttendanceEvent:
    """An ``events`` row (:data:`EVENT_COLUMNS`) as an :class:`AttendanceEvent`."""
    return AttendanceEvent(
        id=row["id"],
        employee_id=row["employee_id"],
        kind=Direction(row["kind"]),
        at_utc=parse_utc(row["at_utc"]),
        utc_offset_minutes=row["utc_offset_minutes"],
        distance=row["distance"],
        live=bool(row["live"]),
        source=row["source"],
        device_id=row["device_id"],
        note=row["note"],
        uid=row["uid"],
        flags=parse_flags(row["flags"]),
    )
