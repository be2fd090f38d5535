"""What admins must be told while the kiosk runs unattended: a filling disk and a clock that looks wrong.

Plain checks, cheap enough for a screen to repeat every minute (one ``statvfs``
and two small reads): :func:`disk_warning` against the setting
``disk_warning_mb``, and :func:`clock_warning` by the rules of
:mod:`kiosk.attendance.clock_check`. The kiosk screen and the admin home draw
them as a red line (:mod:`kiosk.ui.health_line`); ``detail`` is the English
line for the log. Neither stops the kiosk: a full disk keeps check-ins pending
(:class:`~kiosk.errors.DiskFull`), a wrong clock flags them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.attendance.clock_check import ClockVerdict, check_clock
from kiosk.paths import free_bytes
from kiosk.storage.repository import Repository
from kiosk.storage.sqlite import NEARLY_FULL_BYTES

MEGABYTE = 1_000_000
"""``disk_warning_mb`` counts decimal megabytes, as disk makers and file managers do."""


class Problem(enum.StrEnum):
    """What an admin line warns about."""

    DISK_FULL = "disk_full"
    """Under :data:`~kiosk.storage.sqlite.NEARLY_FULL_BYTES` free: check-ins wait for space."""
    DISK_LOW = "disk_low"
    """Under the ``disk_warning_mb`` setting: time to free space before check-ins have to wait."""
    CLOCK_SUSPECT = "clock_suspect"
    """The clock looks wrong: check-ins are flagged for HR, and nothing is erased."""


@dataclass(frozen=True)
class HealthWarning:
    """One thing admins must be told. ``detail`` is one English line (the log, Recent problems);
    the screens word it themselves from ``problem``, ``folder``, ``free`` and ``verdict``."""

    problem: Problem
    detail: str
    folder: Path | None = None
    free: int | None = None
    """Bytes free on ``folder``'s disk."""
    verdict: ClockVerdict | None = None


def disk_warning(folder: Path, warning_mb: int) -> HealthWarning | None:
    """A warning when the disk holding ``folder`` is full or has under ``warning_mb`` MB free (0: only when full)."""
    free = free_bytes(folder)
    if free is None:
        return None
    if free < NEARLY_FULL_BYTES:
        return HealthWarning(Problem.DISK_FULL, f"disk full: free space on {folder} ({free} bytes left)", folder, free)
    if free < warning_mb * MEGABYTE:
        mb = free // MEGABYTE
        return HealthWarning(
            Problem.DISK_LOW, f"low disk space: {mb} MB free on {folder} (warning below {warning_mb} MB)", folder, free
        )
    return None


def clock_warning(repo: Repository, now: datetime) -> HealthWarning | None:
    """A warning while the clock reading ``now`` is suspect (:func:`~kiosk.attendance.clock_check.check_clock`)."""
    verdict = check_clock(repo, now)
    if not verdict.suspect:
        return None
    return HealthWarning(Problem.CLOCK_SUSPECT, f"clock suspect: {verdict.describe()}", verdict=verdict)


def admin_warnings(repo: Repository, folder: Path, now: datetime, warning_mb: int) -> list[HealthWarning]:
    """Everything admins must see now: the disk holding ``folder`` (the database's), then the clock.

    Raises :class:`~kiosk.errors.StorageError` if the database cannot be read
    (the caller keeps what it showed and asks again later).
    """
    found = [disk_warning(folder, warning_mb), clock_warning(repo, now)]
    return [warning for warning in found if warning is not None]
