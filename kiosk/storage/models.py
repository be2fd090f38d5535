"""Plain records returned by :class:`kiosk.storage.repository.Repository`.

Times inside these records are UTC-aware ``datetime`` objects. An event also
carries the kiosk's UTC offset at the moment it was taken, so its local time
(and local day) can be recovered exactly, even after a daylight-saving change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import overload

from kiosk.errors import InputError
from kiosk.matching import TemplateSet

__all__ = ["AttendanceEvent", "AuditEntry", "Employee", "TemplateSet"]

EVENT_KINDS: tuple[str, ...] = ("in", "out")
EVENT_SOURCES: tuple[str, ...] = ("face", "pin", "manual")


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
    templates and PIN are erased :data:`~kiosk.settings.Settings.template_retention_days` later."""
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
