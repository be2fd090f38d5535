"""The company's own calendar dates: ``repo.calendar`` sets, clears and lists them.

A company date is a day off for everyone (a company holiday) or a workday
(a Saturday worked before a stock-take), with an optional name. Statutory
holidays are not stored: they come from a maintained package one layer up
(:mod:`kiosk.attendance.calendar`), and a company date always wins over them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kiosk.errors import InputError
from kiosk.storage.models import StoredCalendarDay, utc_text
from kiosk.storage.tables import Tables, one


class CalendarDays:
    """The ``calendar_overrides`` table of one repository (``repo.calendar``)."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def set(self, day: date, *, off: bool, name: str = "", actor: str = "admin") -> StoredCalendarDay:
        """Make ``day`` a day off (``off``) or a workday for everyone, replacing what was set for it; audited."""
        name = name.strip()
        wanted = StoredCalendarDay(day, bool(off), name)
        with self._tables.tx.writing() as db:
            row = one(db, "SELECT * FROM calendar_overrides WHERE day = ?", [day.isoformat()])
            if row is not None:
                old = _stored(row)
                if old == wanted:
                    return old
                db.table("calendar_overrides").update(row["id"], {"off": int(wanted.off), "name": name})
                detail = f"{_describe(old)} -> {_describe(wanted)}"
            else:
                db.table("calendar_overrides").insert(
                    {"day": day.isoformat(), "off": int(wanted.off), "name": name,
                     "created_at": utc_text(self._tables.clock())}
                )  # fmt: skip
                detail = _describe(wanted)
            self._tables.audit(db, actor, "set_calendar_day", detail)
        return wanted

    def clear(self, day: date, actor: str = "admin") -> bool:
        """Remove the company's date ``day`` (the statutory calendar applies again); False if none was set."""
        with self._tables.tx.writing() as db:
            row = one(db, "SELECT * FROM calendar_overrides WHERE day = ?", [day.isoformat()])
            if row is None:
                return False
            db.execute("DELETE FROM calendar_overrides WHERE id = ?", [row["id"]])
            self._tables.audit(db, actor, "clear_calendar_day", _describe(_stored(row)))
        return True

    def between(self, start: date, end: date) -> list[StoredCalendarDay]:
        """The company's dates from ``start`` to ``end`` inclusive, in order."""
        if end < start:
            raise InputError(f"the range ends on {end} before it starts on {start}; give the start first")
        with self._tables.tx.reading() as db:
            rows = list(
                db.query(
                    "SELECT * FROM calendar_overrides WHERE day >= ? AND day <= ? ORDER BY day",
                    [start.isoformat(), end.isoformat()],
                )
            )
        return [_stored(row) for row in rows]


def _stored(row: dict[str, Any]) -> StoredCalendarDay:
    return StoredCalendarDay(date.fromisoformat(row["day"]), bool(row["off"]), row["name"])


def _describe(day: StoredCalendarDay) -> str:
    named = f" ({day.name})" if day.name else ""
    return f"{day.day.isoformat()} {'off' if day.off else 'workday'}{named}"
