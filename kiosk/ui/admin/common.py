"""Pieces every admin page shares: the context it works in, a page header
with a way back, and local-time formatting.

Admin pages never touch the database directly: they call the engine modules
(:mod:`kiosk.storage.repository`, :mod:`kiosk.attendance`, :mod:`kiosk.reports.csv_writer`,
:mod:`kiosk.enrollment`, :mod:`kiosk.settings`) through the context's ``repo``
(see :mod:`kiosk.ui.admin.context`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.style import GREEN, RED, follow_language, set_text_colour
from kiosk.ui.widgets import px_font

TITLE_PX = 30
BODY_PX = 17
"""Admin pages are read at arm's length, so body text is desktop-sized (17 px),
not the kiosk's 28–40 px."""


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


DEFAULT_RANGE_DAYS = 7
"""Date-range pickers open on the last week: what HR and admins look at most."""


def date_range_edits(parent: QWidget, today: date, on_change: Callable[[], None]) -> tuple[QDateEdit, QDateEdit]:
    """A (from, to) pair of calendar date pickers on the last week, calling ``on_change`` on edits."""
    start = QDateEdit(to_qdate(today - timedelta(days=DEFAULT_RANGE_DAYS - 1)), parent)
    end = QDateEdit(to_qdate(today), parent)
    for edit in (start, end):
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(on_change)
    return start, end


def local_zone(context: AdminContext) -> tzinfo:
    """The kiosk's zone, taken from its clock (which returns aware local time)."""
    return context.zone


def format_local(moment: datetime | None, zone: tzinfo | None = None) -> str:
    """``YYYY-MM-DD HH:MM`` in ``zone`` (or the moment's own zone); empty for ``None``."""
    if moment is None:
        return ""
    if zone is not None:
        moment = moment.astimezone(zone)
    return moment.strftime("%Y-%m-%d %H:%M")


def format_hours(worked: timedelta) -> str:
    """A duration as ``H:MM`` (7:45), the form payroll reads."""
    minutes = int(worked.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def flag_text(flag: str) -> str:
    """A daily-summary flag (``late``, ``in_progress``, ``missing_out``, ``missing_in``) or an event's
    (``clock_suspect``) in the screen language."""
    texts = {
        "late": QCoreApplication.translate("Flags", "Late"),
        "in_progress": QCoreApplication.translate("Flags", "In progress"),
        "missing_out": QCoreApplication.translate("Flags", "Missing check-out"),
        "missing_in": QCoreApplication.translate("Flags", "Missing check-in"),
        "clock_suspect": QCoreApplication.translate("Flags", "Clock looked wrong"),
    }
    return texts.get(flag, flag)


def kind_text(kind: str) -> str:
    """An event type (``in``/``out``) in the screen language."""
    texts = {
        "in": QCoreApplication.translate("Events", "Check-in"),
        "out": QCoreApplication.translate("Events", "Check-out"),
    }
    return texts.get(kind, kind)


def source_text(source: str) -> str:
    """How an event was recorded (``face``/``pin``/``manual``) in the screen language."""
    texts = {
        "face": QCoreApplication.translate("Events", "Face"),
        "pin": QCoreApplication.translate("Events", "PIN"),
        "manual": QCoreApplication.translate("Events", "Manual"),
    }
    return texts.get(source, source)


def error_style(label: QLabel) -> QLabel:
    set_text_colour(label, RED)
    label.setWordWrap(True)
    return label


def cell(text: object, data: object = None) -> QTableWidgetItem:
    """A read-only table cell; ``data`` rides along in ``UserRole``."""
    item = QTableWidgetItem("" if text is None else str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


Row = TypeVar("Row")


def selected_row(table: QTableWidget, rows: Sequence[Row]) -> Row | None:
    """The record behind ``table``'s selected row (``rows`` in table order), or None."""
    model = table.selectionModel()
    chosen = model.selectedRows() if model else []
    if not chosen or chosen[0].row() >= len(rows):
        return None
    return rows[chosen[0].row()]


def select_row_where(table: QTableWidget, rows: Sequence[Row], wanted: Callable[[Row], bool]) -> bool:
    """Select the first row whose record is ``wanted``; False if there is none."""
    for index, record in enumerate(rows):
        if wanted(record):
            table.selectRow(index)
            return True
    return False


def make_table(parent: QWidget, columns: int) -> QTableWidget:
    """A read-only, whole-row-selecting table whose last column stretches."""
    table = QTableWidget(0, columns, parent)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Room between columns, so a code and a Chinese name never read as one word.
    table.setStyleSheet("QTableWidget::item { padding: 2px 10px; } QHeaderView::section { padding: 4px 10px; }")
    return table


class PageHeader(QWidget):
    """A page title and a "Back" button to the admin home.

    Signals:
        back_requested(): the back button was pressed.
    """

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setFont(px_font(TITLE_PX, bold=True))
        self.back_button = QPushButton(self)
        self.back_button.setFont(px_font(BODY_PX))
        self.back_button.setMinimumHeight(40)
        self.back_button.clicked.connect(self.back_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.back_button)
        self.retranslate()
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("← Administration"))



Words = Callable[[], str] | str
"""What a status line says: a function that translates it now (so the line
follows a language switch), or a fixed text such as an error from the engine."""


class StatusLine(QLabel):
    """A page's one-line outcome ("Saved.", "Not saved: …"), green or red, in the current language.

    It keeps *how* to say the message rather than the words, and says it again
    when the screen language changes: a line written before a switch must not
    stay in the old language.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._words: Words = ""
        follow_language(self, self._draw)

    def say(self, words: Words, ok: bool = True) -> None:
        """Show ``words`` in green (``ok``) or red."""
        self._words = words
        set_text_colour(self, GREEN if ok else RED)
        self._draw()

    def _draw(self) -> None:
        self.setText(self._words() if callable(self._words) else self._words)


def run_and_say(status: StatusLine, action: Callable[[], object], done: Words, after: Callable[[], None]) -> bool:
    """Do an admin's ``action``; say ``done`` on ``status``, then ``after`` (e.g. refresh the page), and
    return True; or say the one-line error (a :class:`~kiosk.errors.KioskError`) and return False."""
    try:
        action()
    except KioskError as exc:
        status.say(str(exc), ok=False)
        return False
    status.say(done)
    after()
    return True


class AdminPage(QWidget):
    """Base of every admin page: a header, body font, and ``retranslate`` on language change.

    Subclasses build their widgets, then call :meth:`retranslate` (which must
    set ``windowTitle``: the admin home labels its button with it) and
    :meth:`refresh` when shown.
    """

    def __init__(self, context: AdminContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        font = self.font()
        font.setPixelSize(BODY_PX)
        self.setFont(font)
        self.header = PageHeader(self)
        self.header.back_requested.connect(context.show_admin_home)
        follow_language(self, lambda: self.retranslate())  # the subclass's retranslate

    def retranslate(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload data from the repository (called whenever the page is shown)."""

    def stop(self) -> None:
        """Stop the page's background work, if any (the window is closing: no thread may outlive it)."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

