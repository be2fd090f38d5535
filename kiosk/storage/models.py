"""Plain records returned by :class:`kiosk.storage.repository.Repository`.

Times inside these records are UTC-aware ``datetime`` objects. An event also
carries the kiosk's UTC offset at the moment it was taken, so its local time
(and local day) can be recovered exactly, even after a daylight-saving change.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import overload

from kiosk.errors import InputError
from kiosk.matching import TemplateSet

__all__ = ["AttendanceEvent", "AuditEntry", "Employee", "TemplateSet"]



class Direction(enum.StrEnum):
    """Which way an attendance event goes (stored as its value)."""

    IN = "in"
    OUT = "out"


class EventSource(enum.StrEnum):
    """How an attendance event was taken (stored as its value)."""

    FACE = "face"
    PIN = "pin"
    MANUAL = "manual"
    """An admin's correction (补卡 included), with its reason as the note."""
    IMPORT = "import"
    """A punch read from another system's file (``kiosk punches import``)."""


class EventFlag(enum.StrEnum):
    """Something HR should look at about one event (stored in ``events.flags``, comma-separated)."""

    CLOCK_SUSPECT = "clock_suspect"
    """The kiosk's clock looked wrong when it stamped this punch (:mod:`kiosk.attendance.clock_check`):
    its time may be off. HR confirms it (the flag goes, audited) or corrects it."""


def flags_text(flags: tuple[str, ...] | frozenset[str]) -> str:
    """``flags`` as ``events.flags`` stores them: sorted, comma-separated, ``""`` for none."""
    return ",".join(sorted(set(flags)))


def parse_flags(text: str | None) -> tuple[str, ...]:
    """The inverse of :func:`flags_text` (a missing value is no flag)."""
    return tuple(flag for flag in (text or "").split(",") if flag)


EVENT_KINDS: tuple[str, ...] = tuple(Direction)
EVENT_SOURCES: tuple[str, ...] = tuple(EventSource)


@dataclass(frozen=True)
class Employee:
    """A person who may check in. ``has_pin`` tells whether a personal PIN is set (never the PIN)."""

    id: int
    code: str
    name: str
    department: str
    active: bool
    consent_at: datetime | None
    has_pin: bool
    deactivated_at: datetime | None = None
    """When the employee was last deactivated (UTC); ``None`` while active. Their
    templates and PIN are erased :data:`~kiosk.settings.specs.Settings.template_retention_days` later."""
    uid: str = ""
    """The employee's global identity (a UUID), the same on every kiosk and on the server."""


@dataclass(frozen=True)
class AttendanceEvent:
    """One check-in or check-out.

    ``at_utc`` is UTC-aware; ``utc_offset_minutes`` is the kiosk's offset from
    UTC when it happened (+480 in China). ``distance`` is the face-match
    distance (lower is closer; ``None`` for PIN and manual events). ``id`` is
    ``None`` until the event is stored.
    """

    id: int | None
    employee_id: int
    kind: str
    at_utc: datetime
    utc_offset_minutes: int
    distance: float | None
    live: bool
    source: str
    device_id: str
    note: str = ""
    uid: str | None = None
    """The event's global identity (a UUID): ``None`` until stored, when the
    repository gives it one unless it came with one (from another kiosk)."""
    flags: tuple[str, ...] = ()
    """:class:`EventFlag` values, sorted (``clock_suspect``: the time may be wrong)."""

    @property
    def at_local(self) -> datetime:
        """The event's time on the kiosk's wall clock, as an aware datetime."""
        return self.at_utc.astimezone(timezone(timedelta(minutes=self.utc_offset_minutes)))

    @property
    def local_day(self) -> date:
        """The kiosk-local calendar day the event belongs to."""
        return self.at_local.date()


@dataclass(frozen=True)
class AuditEntry:
    """One administrative action: who (``actor``) did what (``action``), with a readable ``detail``."""

    id: int
    at_utc: datetime
    actor: str
    action: str
    detail: str


def utc_text(moment: datetime) -> str:
    """``moment`` as fixed-width UTC ISO text, so text order equals time order in SQL."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InputError(f"The time {moment.isoformat()} has no time zone; give an aware datetime.")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@overload
def parse_utc(text: str) -> datetime: ...
@overload
def parse_utc(text: None) -> None: ...
def parse_utc(text: str | None) -> datetime | None:
    """The inverse of :func:`utc_text` (``None`` stays ``None``)."""
    if text is None:
        return None
    return datetime.fromisoformat(text).astimezone(UTC)


def offset_minutes(moment: datetime) -> int:
    """The UTC offset of an aware ``moment``, in whole minutes."""
    offset = moment.utcoffset()
    if offset is None:
        raise InputError(f"The time {moment.isoformat()} has no time zone; give an aware datetime.")
    return round(offset.total_seconds() / 60)


# --------------------------------------------------------------------- payroll tables (schema version 5)
# Storage's own rows; the rules' types (kiosk.attendance.records) are one layer up, and
# kiosk.attendance.stored converts. Times of day and dates are the kiosk's wall clock.


@dataclass(frozen=True)
class StoredShift:
    """A row of ``shifts``: ``start``/``end`` and each break as ``HH:MM`` text, workdays Monday = 0."""

    id: int
    name: str
    start: str
    end: str
    breaks: tuple[tuple[str, str], ...]
    late_grace_min: int
    early_grace_min: int
    workdays: tuple[int, ...]
    statutory_calendar: bool


@dataclass(frozen=True)
class StoredAssignment:
    """From ``valid_from`` on (a local date, inclusive) the employee works the shift.

    The newest assignment on or before a day decides that day."""

    id: int
    employee_id: int
    shift_id: int
    shift_name: str
    valid_from: date


@dataclass(frozen=True)
class StoredCalendarDay:
    """A company date: ``off`` (a day off for everyone) or a workday, with an optional name."""

    day: date
    off: bool
    name: str = ""


@dataclass(frozen=True)
class StoredLeave:
    """A leave from ``start`` to ``end`` (naive local datetimes to the minute, end exclusive)."""

    id: int
    employee_id: int
    start: datetime
    end: datetime
    type: str
    note: str = ""


@dataclass(frozen=True)
class RosterRow:
    """One person of a roster file. ``department`` ``None`` (no such column) keeps theirs and ``shift``
    empty keeps their shift; ``where`` ("roster.csv row 7") starts every message about the row."""

    code: str
    name: str
    department: str | None = None
    shift: str = ""
    where: str = ""


@dataclass(frozen=True)
class RosterChange:
    """What applying one roster row does: ``kind`` is ``add``, ``update`` or ``assign``; ``text`` is one line."""

    code: str
    kind: str
    text: str


@dataclass(frozen=True)
class ImportedPunch:
    """A punch from another system's file, ready to store as an ``import`` event (``at_utc`` aware)."""

    employee_id: int
    kind: str
    at_utc: datetime
    utc_offset_minutes: int
    device_id: str
