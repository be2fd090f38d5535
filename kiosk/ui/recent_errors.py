"""Administration → Recent problems: the technical side of what the kiosk screen said in one sentence.

Shows :class:`kiosk.logs.RecentErrors` (the newest warnings and errors of
the ``kiosk`` loggers, from the log file beside the database and since the
start) with their times, newest first, as plain text. The
details stay in English, as logged: they are for whoever fixes the machine,
and searchable as they are.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.logs import RecentError, RecentErrors
from kiosk.ui.style import follow_language, mark_touch_target
from kiosk.ui.widgets import px_font

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


class RecentErrorsDialog(QDialog):
    """A read-only table of the recent problems: when, how often, where, and the details."""

    def __init__(self, errors: RecentErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = errors
        self.setMinimumSize(720, 420)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.explain.setFont(px_font(18))
        self.table = QTableWidget(0, 4, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Wrapped details need their row height again whenever the details column gets its width.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            mark_touch_target(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Recent problems"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Times"), self.tr("Where"), self.tr("Details")]
        )
        self.refresh()

    def refresh(self) -> None:
        entries = self.errors.entries()
        log_file = self.errors.log_path
        if not entries:
            self.explain.setText(self.tr("No problems logged."))
        elif log_file is None:
            self.explain.setText(self.tr("The newest problems, newest first. The kiosk screen only said "
                                         "that something is wrong; the details are here and in the log."))
        else:
            self.explain.setText(self.tr(
                "The newest problems, newest first, from before the last restart too. The kiosk screen only said "
                "that something is wrong; the details are here and in the log file {path}.").format(path=log_file))
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, text in enumerate(self._cells(entry)):
                self.table.setItem(row, column, QTableWidgetItem(text))  # plain text, never markup
        self.table.resizeRowsToContents()

    def _cells(self, entry: RecentError) -> tuple[str, str, str, str]:
        when = entry.last_at.strftime(TIME_FORMAT)
        if entry.repeats > 1:
            times = self.tr("{count} (since {time})").format(
                count=entry.repeats, time=entry.first_at.strftime("%H:%M:%S")
            )
        else:
            times = "1"
        return when, times, entry.logger, entry.message
