"""Administration → System check: the checks of ``kiosk doctor``, on the kiosk itself.

One row per check (:class:`kiosk.ops.doctor.Check`): its name, its state in
colour (green ok, amber warn, red fail, grey not checked) and what was found.
The checks run in a background thread, because the database check reads the
whole file; "Run again" repeats them. The camera is reported from the running
capture (the context's ``camera_check``), never opened a second time: a
camera has one reader, and checking it must not take it from the kiosk.

Check names and states are translated; the details stay in English, as in
the log and under Recent problems, where whoever fixes the machine searches
for them.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt, QThread, Signal, Slot
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.ops.doctor import Check, CheckResult, CheckState, failed, run_checks
from kiosk.settings.specs import Settings
from kiosk.storage.location import DatabaseLocation
from kiosk.ui.admin.common import AdminPage, StatusLine, cell, make_table
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.style import AMBER, GREEN, MUTED, RED
from kiosk.ui.workers import Worker, WorkerThread

log = logging.getLogger("kiosk.ui.admin")

CELL_PADDING_PX = 28
"""Horizontal room a cell's text does not get: the table style's padding (10 px each side) and the grid."""

STATE_COLOURS = {CheckState.OK: GREEN, CheckState.WARN: AMBER, CheckState.FAIL: RED, CheckState.SKIPPED: MUTED}


def check_name(check: Check) -> str:
    """A check's name in the screen language."""
    names = {
        Check.CAMERA: QCoreApplication.translate("SystemPage", "Camera"),
        Check.DATABASE: QCoreApplication.translate("SystemPage", "Database"),
        Check.KEY_FILE: QCoreApplication.translate("SystemPage", "PIN key file"),
        Check.DISK: QCoreApplication.translate("SystemPage", "Free disk space"),
        Check.CLOCK: QCoreApplication.translate("SystemPage", "Clock"),
        Check.BACKUP: QCoreApplication.translate("SystemPage", "Backup"),
        Check.FONT: QCoreApplication.translate("SystemPage", "Chinese font"),
        Check.SERVICE: QCoreApplication.translate("SystemPage", "Starts at boot"),
    }
    return names[check]


def state_name(state: CheckState) -> str:
    """A check's outcome in the screen language."""
    names = {
        CheckState.OK: QCoreApplication.translate("SystemPage", "OK"),
        CheckState.WARN: QCoreApplication.translate("SystemPage", "Warning"),
        CheckState.FAIL: QCoreApplication.translate("SystemPage", "Failed"),
        CheckState.SKIPPED: QCoreApplication.translate("SystemPage", "Not checked"),
    }
    return names[state]


class ChecksWorker(Worker):
    """Runs every check once, in its own thread.

    Signals:
        checks_done(list[CheckResult]): the results, in :class:`Check` order.
        finished(): ``run`` returned.
    """

    checks_done = Signal(object)

    def __init__(self, location: DatabaseLocation, settings: Settings, camera: CheckResult | None) -> None:
        super().__init__()
        self.location = location
        self.settings = settings
        self.camera = camera

    @Slot()
    def run(self) -> None:
        try:
            camera = self.camera
            results = run_checks(self.location, self.settings, camera=(lambda: camera) if camera else None)
            if not QThread.currentThread().isInterruptionRequested():
                self.checks_done.emit(results)
        finally:
            self.finished.emit()


class SystemPage(AdminPage):
    """The checks of ``kiosk doctor`` as a table, run when the page is shown and on "Run again"."""

    def __init__(self, context: AdminContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.results: list[CheckResult] = []
        self.checks: WorkerThread[ChecksWorker] | None = None
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.table = make_table(self, 3)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._fit_rows())
        self.run_button = QPushButton(self)
        self.run_button.setMinimumHeight(40)
        self.run_button.clicked.connect(self.run_checks)
        self.status = StatusLine(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.header)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()

    @property
    def running(self) -> bool:
        """True while the checks run (their thread has not ended)."""
        if self.checks is None:
            return False
        try:
            return self.checks.thread.isRunning()
        except RuntimeError:  # deleted: it has ended
            return False

    def refresh(self) -> None:
        """Run the checks each time the page is shown (a pass is already running: wait for it)."""
        self.run_checks()

    def run_checks(self) -> None:
        if self.running:
            return
        camera = self.context.camera_check() if self.context.camera_check is not None else None
        location = DatabaseLocation(self.context.db_path, self.context.repo.server_url)
        worker = ChecksWorker(location, self.context.settings, camera)
        worker.checks_done.connect(self._on_checks_done)
        self.checks = WorkerThread.start(worker, "system-check")
        self.run_button.setEnabled(False)
        self.status.say(lambda: self.tr("Checking…"))

    def stop(self) -> None:
        """Stop a pass in progress (the window is closing); waits for the check that runs now."""
        if self.checks is not None:
            self.checks.stop()
            self.checks = None

    @Slot(object)
    def _on_checks_done(self, results: list[CheckResult]) -> None:
        self.results = results
        self.run_button.setEnabled(True)
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.results))
        for row, result in enumerate(self.results):
            state = cell(state_name(result.state), result.state)
            state.setForeground(QColor(STATE_COLOURS[result.state]))
            font = state.font()
            font.setBold(True)
            state.setFont(font)
            self.table.setItem(row, 0, cell(check_name(result.check), result.check))
            self.table.setItem(row, 1, state)
            self.table.setItem(row, 2, cell(result.message))
        self._fit_rows()
        if not self.results:
            return
        if failed(self.results):
            count = sum(result.state is CheckState.FAIL for result in self.results)
            self.status.say(lambda: self.tr("%n check(s) failed.", "", count), ok=False)
        else:
            self.status.say(lambda: self.tr("Nothing failed."))

    def _fit_rows(self) -> None:
        """Each row as tall as its details wrap to (a path wraps anywhere): the table's own size hint
        leaves out the cells' padding, and would cut long details short."""
        width = max(1, self.table.columnWidth(2) - CELL_PADDING_PX)
        metrics = QFontMetrics(self.table.font())
        flags = int(Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere)
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 2)
            text = item.text() if item is not None else ""
            height = metrics.boundingRect(0, 0, width, 10_000, flags, text).height() + metrics.height() // 2
            self.table.setRowHeight(row, max(height, self.table.verticalHeader().defaultSectionSize()))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("System check"))
        self.header.title.setText(self.tr("System check"))
        self.explain.setText(self.tr(
            "The same checks as kiosk doctor on the command line. The details stay in English, as in the log."))
        self.table.setHorizontalHeaderLabels([self.tr("Check"), self.tr("State"), self.tr("Details")])
        self.run_button.setText(self.tr("Run again"))
        if not self.running:
            self._fill()
