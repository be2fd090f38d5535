"""The kiosk's daily care of its own file: a full integrity check, and a backup to the settings' folder.

:class:`DailyMaintenance` decides what is due each time it is asked
(:meth:`DailyMaintenance.run_due`), does it, and returns a
:class:`MaintenanceStatus` for the admins' warning line: a backup older than
:data:`~kiosk.ops.backup.BACKUP_OVERDUE`, a backup that keeps failing, a
damaged index or a damaged file. The kiosk asks it from a background thread
every few minutes (:mod:`kiosk.ui.maintenance`); it holds no thread and no
connection of its own, so tests call it with a fixed clock.

* A **backup** is due a day after the last good one, when the
  ``backup_folder`` setting names a folder; a failed attempt (a USB stick
  unplugged) is tried again after :data:`RETRY_AFTER`. The folder must exist:
  an unplugged stick's mount point must not become a folder on the kiosk's disk.
* The **full integrity check** is due a day after the last; a backup checks its
  copy fully, which counts as that day's check.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.ops.backup import BackupRecord, backup_database, last_backup, overdue
from kiosk.ops.integrity import IntegrityReport, check_integrity
from kiosk.settings.specs import Settings

log = logging.getLogger("kiosk.ops")

EVERY = timedelta(days=1)
"""How often the backup and the full integrity check run."""

RETRY_AFTER = timedelta(hours=1)
"""After a failed backup, the next attempt: soon enough that a stick plugged back in is used the same
morning, rare enough that a missing folder does not fill the log."""


@dataclass(frozen=True)
class MaintenanceStatus:
    """What the admins should know after a pass (all of it is also in the log)."""

    checked_at: datetime
    integrity: IntegrityReport | None
    """The last full integrity check (None: none finished yet)."""
    last_backup: BackupRecord | None
    backup_error: str | None
    """Why the last backup attempt failed (None: it worked, or none was due)."""
    backup_folder: str

    @property
    def backup_overdue(self) -> bool:
        """The last good backup is older than two days, or there is none."""
        return overdue(self.last_backup, self.checked_at)

    @property
    def damaged_indexes(self) -> tuple[str, ...]:
        return self.integrity.damaged_indexes if self.integrity is not None and not self.integrity.ok else ()

    @property
    def damaged(self) -> bool:
        """The file itself is damaged (not only an index): a backup or ``kiosk salvage`` is the way out."""
        return self.integrity is not None and not self.integrity.ok and not self.integrity.index_only


class DailyMaintenance:
    """Runs what is due for the database file ``db`` (see the module docstring).

    ``settings`` is read at every pass (an admin may set the backup folder while
    the kiosk runs); ``clock`` returns aware local time (backup names use it).
    """

    def __init__(self, db: Path, settings: Callable[[], Settings], clock: Callable[[], datetime]) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self._checked_at: datetime | None = None
        self._integrity: IntegrityReport | None = None
        self._attempted_at: datetime | None = None
        self._backup_error: str | None = None

    def run_due(self) -> MaintenanceStatus:
        """Back up and check what is due now; raises :class:`~kiosk.errors.DatabaseBusy` (try again later)."""
        now = self.clock()
        settings = self.settings()
        folder = settings.backup_folder.strip()
        record = last_backup(self.db)
        if folder and self._backup_due(record, now):
            self._attempted_at = now
            try:
                result = backup_database(self.db, Path(folder), keep=settings.backup_keep, now=now,
                                         create_folder=False)
            except KioskError as error:
                self._backup_error = " ".join(str(error).split())
                log.error("daily backup to %s failed: %s", folder, self._backup_error)
            else:
                self._backup_error = None
                self._integrity, self._checked_at = result.integrity, now
                record = last_backup(self.db)
        elif not folder:
            self._backup_error = None
        if self._checked_at is None or now - self._checked_at >= EVERY:
            self._integrity = check_integrity(self.db)
            self._checked_at = now
        return MaintenanceStatus(now, self._integrity, record, self._backup_error, folder)

    def status(self) -> MaintenanceStatus:
        """What is known now, without doing anything due (one small read): for the admins' line at start-up."""
        return MaintenanceStatus(self.clock(), self._integrity, last_backup(self.db), self._backup_error,
                                 self.settings().backup_folder.strip())

    def _backup_due(self, record: BackupRecord | None, now: datetime) -> bool:
        if record is not None and now - record.at < EVERY:
            return False
        return self._attempted_at is None or now - self._attempted_at >= RETRY_AFTER
