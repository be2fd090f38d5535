"""The red line for admins: a full or filling disk, and a clock that looks wrong.

:class:`HealthMonitor` asks :func:`kiosk.ops.health.admin_warnings` once a
minute on the GUI thread (a ``statvfs`` and two small reads) and draws what it
says on every :class:`HealthLine` it feeds: one on the kiosk screen, one on the
admin home. Each new warning also goes to the log once (so Recent problems and
the log file have it with its time); a line disappears when its cause does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.attendance.clock_check import ClockDoubt, ClockVerdict
from kiosk.errors import KioskError
from kiosk.ops.health import MEGABYTE, HealthWarning, Problem, admin_warnings
from kiosk.storage.repository import Repository
from kiosk.ui.style import follow_language
from kiosk.ui.widgets import px_font

log = logging.getLogger("kiosk.ui")

CHECK_INTERVAL_MS = 60_000
"""How often the monitor looks (ms): a disk fills in hours, a clock is set in a moment, and a
minute is soon enough for either while costing nothing."""

WARNING_STYLE = "color: #b00020; font-weight: bold;"


class HealthLine(QLabel):
    """"Admin: disk full: free space on /var/lib/kiosk …" in red; hidden while nothing is wrong."""

    def __init__(self, parent: QWidget | None = None, *, font_px: int = 18) -> None:
        super().__init__(parent)
        self.setFont(px_font(font_px))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet(WARNING_STYLE)
        self.warnings: list[HealthWarning] = []
        self.hide()
        follow_language(self, self.redraw)

    def show_warnings(self, warnings: Sequence[HealthWarning]) -> None:
        self.warnings = list(warnings)
        self.redraw()

    def redraw(self) -> None:
        """Word the warnings in the screen language (after a change of them or of the language)."""
        self.setText("\n".join(self.sentence(warning) for warning in self.warnings))
        self.setVisible(bool(self.warnings))

    def sentence(self, warning: HealthWarning) -> str:
        """One warning in the screen language."""
        if warning.problem is Problem.DISK_FULL:
            return self.tr("Admin: disk full: free space on %1; check-ins wait until there is room").replace(
                "%1", str(warning.folder)
            )
        if warning.problem is Problem.DISK_LOW:
            return (
                self.tr("Admin: low disk space: %1 MB free on %2")
                .replace("%1", str((warning.free or 0) // MEGABYTE))
                .replace("%2", str(warning.folder))
            )
        assert warning.verdict is not None
        return self.tr("Admin: the clock looks wrong (%1); set it. Check-ins are flagged for HR to check").replace(
            "%1", "; ".join(self._doubts(warning.verdict))
        )

    def _doubts(self, verdict: ClockVerdict) -> list[str]:
        zone = verdict.reading.tzinfo
        said = []
        if ClockDoubt.BEHIND_LOG in verdict.doubts and verdict.newest_logged is not None:
            newest = verdict.newest_logged.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            said.append(self.tr("earlier than a check-in recorded at %1").replace("%1", newest))
        if ClockDoubt.BEFORE_RELEASE in verdict.doubts and verdict.released is not None:
            said.append(self.tr("earlier than this version's release, %1").replace("%1", verdict.released.isoformat()))
        if ClockDoubt.OFF_SERVER in verdict.doubts and verdict.server_offset_s is not None:
            said.append(self.tr("%1 s off the server's clock").replace("%1", f"{abs(verdict.server_offset_s):.0f}"))
        return said


class HealthMonitor(QObject):
    """Looks at the disk holding ``folder`` and at the clock every :data:`CHECK_INTERVAL_MS`, feeding ``lines``.

    ``warning_mb`` is read at each look (the setting may change while the
    kiosk runs). A database that cannot be read right now (busy) leaves the
    lines as they are until the next look.
    """

    def __init__(
        self,
        repo: Repository,
        folder: Path,
        clock: Callable[[], datetime],
        warning_mb: Callable[[], int],
        lines: Sequence[HealthLine],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.folder = folder
        self.clock = clock
        self.warning_mb = warning_mb
        self.lines = list(lines)
        self.warnings: list[HealthWarning] = []
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check_now)

    def start(self) -> None:
        """Look now, then every :data:`CHECK_INTERVAL_MS`."""
        self.check_now()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check_now(self) -> list[HealthWarning]:
        """Look once, draw, and log what is new; returns the warnings now shown."""
        try:
            found = admin_warnings(self.repo, self.folder, self.clock(), self.warning_mb())
        except KioskError as exc:
            log.debug("health check postponed: %s", exc)
            return self.warnings
        before = {warning.problem for warning in self.warnings}
        for warning in found:
            if warning.problem not in before:
                log.warning("%s", warning.detail)
        for problem in before - {warning.problem for warning in found}:
            log.info("%s: no longer", problem.value)
        self.warnings = found
        for line in self.lines:
            line.show_warnings(found)
        return found
