"""The daily integrity check and backup, off the GUI thread, and the admins' warning line they feed.

:class:`MaintenanceWorker` asks :class:`kiosk.ops.maintenance.DailyMaintenance`
every :data:`POLL_S` seconds what is due, in its own ``QThread``: a full
integrity check or a backup reads the whole file, which must never stall the
preview or a check-in (WAL lets the kiosk keep writing meanwhile).
:class:`MaintenanceLine` is a red line on the admin home saying what needs a
person: the last good backup is over two days old, backups fail, an index or
the file is damaged. :class:`MaintenanceController` owns both for one window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget

from kiosk.errors import DatabaseBusy, KioskError
from kiosk.ops.maintenance import DailyMaintenance, MaintenanceStatus
from kiosk.settings.specs import Settings
from kiosk.ui.style import RED, follow_language
from kiosk.ui.widgets import px_font
from kiosk.ui.workers import Worker, WorkerThread, interruptible_wait

log = logging.getLogger("kiosk.ui")

POLL_S = 600.0
"""Seconds between two looks at what is due (10 min: a backup due at night is made within
minutes of it, and a look that finds nothing due costs one small read)."""

FIRST_PASS_AFTER_S = 120.0
"""Seconds after start-up before the first backup or full check: the kiosk first loads its models and
opens the camera (both read a lot), and a kiosk restarted in a loop must not read its whole file each time.
The admins' line shows what is known (the last backup's age) at once."""


class MaintenanceWorker(Worker):
    """Runs :meth:`DailyMaintenance.run_due` now and every ``poll_s`` seconds, until interrupted.

    Signals:
        status_ready(MaintenanceStatus): a pass finished; what admins should know.
        finished(): ``run`` returned.
    """

    status_ready = Signal(object)

    def __init__(self, maintenance: DailyMaintenance, *, poll_s: float = POLL_S,
                 first_after_s: float = FIRST_PASS_AFTER_S) -> None:
        super().__init__()
        self.maintenance = maintenance
        self.poll_s = poll_s
        self.first_after_s = first_after_s

    @Slot()
    def run(self) -> None:
        try:
            self._guarded(self.maintenance.status)
            if not interruptible_wait(self.first_after_s):
                return
            while not QThread.currentThread().isInterruptionRequested():
                self._guarded(self.maintenance.run_due)
                if not interruptible_wait(self.poll_s):
                    return
        finally:
            self.finished.emit()

    def _guarded(self, step: Callable[[], MaintenanceStatus]) -> None:
        try:
            self.status_ready.emit(step())
        except DatabaseBusy as exc:  # another program holds the file: the next pass tries again
            log.info("maintenance postponed: %s", exc)
        except KioskError as exc:
            log.error("maintenance failed: %s", exc)
        except Exception:  # a bug must not end the daily backups silently
            log.exception("maintenance crashed")


class MaintenanceLine(QLabel):
    """Red text on the admin home while something needs an admin; hidden otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(px_font(18, bold=True))
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {RED};")
        self.status: MaintenanceStatus | None = None
        self.hide()
        follow_language(self, self.redraw)

    def show_status(self, status: MaintenanceStatus) -> None:
        self.status = status
        self.redraw()

    def problems(self) -> list[str]:
        """What needs an admin now, one translated sentence each (empty: nothing)."""
        status = self.status
        if status is None:
            return []
        lines = []
        if status.damaged:
            lines.append(self.tr("The database is damaged. Restore the last good backup or salvage it "
                                 "(see System check)."))
        elif status.damaged_indexes:
            lines.append(self.tr("The database has a damaged index ({names}). Run kiosk doctor --repair.")
                         .format(names=", ".join(status.damaged_indexes)))
        if status.backup_overdue:
            if status.last_backup is None:
                lines.append(self.tr("No backup yet. Choose a backup folder in Settings.") if not status.backup_folder
                             else self.tr("No backup yet: backups to the backup folder fail (see Recent problems)."))
            else:
                days = max(2, int(status.last_backup.age(status.checked_at).total_seconds() // 86400))
                lines.append(self.tr("The last good backup is {days} days old.").format(days=days))
        if status.backup_error is not None and status.last_backup is not None and not status.backup_overdue:
            lines.append(self.tr("The last backup failed; the kiosk tries again within the hour "
                                 "(see Recent problems)."))
        return lines

    def redraw(self) -> None:
        lines = self.problems()
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))


class MaintenanceController(QObject):
    """Runs :class:`MaintenanceWorker` for one window's database and shows its findings on ``line``.

    Started and stopped with the window's other workers; :meth:`stop` waits for
    a pass in progress (a backup of a large file takes seconds).
    """

    def __init__(
        self,
        db_path: Path,
        settings: Callable[[], Settings],
        clock: Callable[[], datetime],
        line: MaintenanceLine,
        *,
        enabled: bool = True,
        poll_s: float = POLL_S,
        first_after_s: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.enabled = enabled
        """False for a database on a server: its backups and checks are the server's (pg_dump)."""
        self.maintenance = DailyMaintenance(db_path, settings, clock)
        self.line = line
        self.poll_s = poll_s
        self.first_after_s = first_after_s
        """None: :data:`FIRST_PASS_AFTER_S` as it is when the thread starts (tests shorten it)."""
        self.worker_thread: WorkerThread[MaintenanceWorker] | None = None
        self.status: MaintenanceStatus | None = None

    def start(self) -> None:
        if self.enabled and self.worker_thread is None:
            first = FIRST_PASS_AFTER_S if self.first_after_s is None else self.first_after_s
            worker = MaintenanceWorker(self.maintenance, poll_s=self.poll_s, first_after_s=first)
            worker.status_ready.connect(self._on_status_ready)
            self.worker_thread = WorkerThread.start(worker, "kiosk-maintenance")

    def stop(self) -> bool:
        if self.worker_thread is None:
            return True
        thread, self.worker_thread = self.worker_thread, None
        return thread.stop()

    @Slot(object)
    def _on_status_ready(self, status: MaintenanceStatus) -> None:
        self.status = status
        self.line.show_status(status)


def add_maintenance_line(home: QWidget) -> MaintenanceLine:
    """A :class:`MaintenanceLine` placed under the admin home's title."""
    line = MaintenanceLine(home)
    layout = home.layout()
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(1, line)
    return line
