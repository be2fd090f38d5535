"""The audit log: ``repo.audit`` appends entries and lists the latest.

The repository's own writes add their entries inside their transactions
(:meth:`kiosk.storage.tables.Tables.audit`); :meth:`AuditLog.record` is for
what happens outside the database (an admin login, a refused PIN).
"""

from __future__ import annotations

from kiosk.storage.models import AuditEntry, parse_utc
from kiosk.storage.tables import Tables


class AuditLog:
    """The ``audit_log`` table of one repository (``repo.audit``)."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def record(self, actor: str, action: str, detail: str) -> None:
        """Append one entry to the audit log, stamped with the repository's clock."""
        with self._tables.tx.writing() as db:
            self._tables.audit(db, actor, action, detail)

    def entries(self, limit: int = 500) -> list[AuditEntry]:
        """The latest ``limit`` entries, newest first (500 fills an admin screen without paging)."""
        with self._tables.tx.reading() as db:
            rows = list(db.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", [int(limit)]))
        return [
            AuditEntry(
                id=row["id"],
                at_utc=parse_utc(row["at_utc"]),
                actor=row["actor"],
                action=row["action"],
                detail=row["detail"],
            )
            for row in rows
        ]
