"""The admin home: one large button per registered admin page.

Pages are registered with :meth:`kiosk.ui.main_window.MainWindow.add_admin_page`;
the button text is the page's ``windowTitle()`` (set it, translated, in the
page's own retranslate), and follows it when it changes.
"""

from __future__ import annotations

import enum
import math

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.health_line import HealthLine
from kiosk.ui.style import follow_language
from kiosk.ui.widgets import px_font

#: Rows of page buttons a landscape admin home may have before it adds a column.
MAX_LANDSCAPE_ROWS = 5


class AdminPage(enum.StrEnum):
    """The admin pages, by the name they are registered and requested under."""

    ENROLL = "enroll"
    EMPLOYEES = "employees"
    CORRECTIONS = "corrections"
    REPORTS = "reports"
    AUDIT = "audit"
    SETTINGS = "settings"
    SHIFTS = "shifts"
    CALENDAR = "calendar"
    LEAVE = "leave"
    DOORS = "doors"
    ENROLLMENT_REQUESTS = "enrollment_requests"
    SYSTEM = "system"


class AdminHome(QWidget):
    """Navigation for admins.

    Signals:
        page_requested(AdminPage): the button for this page was pressed.
        kiosk_requested(): "Back to the kiosk" (locks admin mode again).
        quit_requested(): "Close the kiosk" (the admin is already authenticated).
        problems_requested(): "Recent problems" (the technical details behind the kiosk's error sentences).
    """

    page_requested = Signal(AdminPage)
    kiosk_requested = Signal()
    quit_requested = Signal()
    problems_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setFont(px_font(40, bold=True))
        self.empty = QLabel(self)
        self.empty.setFont(px_font(22))
        self.empty.setWordWrap(True)
        self.page_buttons: dict[AdminPage, QPushButton] = {}
        self._pages: dict[AdminPage, QWidget] = {}
        self._pages_layout = QGridLayout()
        self._landscape = True
        """Until the first resize says otherwise: kiosk panels and HR desks are landscape."""
        self._columns = 0
        self.back_button = QPushButton(self)
        self.quit_button = QPushButton(self)
        self.problems_button = QPushButton(self)
        self.problems_button.clicked.connect(self.problems_requested)
        for button in (self.problems_button, self.back_button, self.quit_button):
            button.setFont(px_font(26))
            button.setMinimumHeight(56)
        self.back_button.clicked.connect(self.kiosk_requested)
        self.quit_button.clicked.connect(self.quit_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        layout.addWidget(self.title)
        self.health_line = HealthLine(self, font_px=22)
        """A full disk or a wrong clock, in red (fed by the window's :class:`~kiosk.ui.health_line.HealthMonitor`)."""
        layout.addWidget(self.health_line)
        layout.addWidget(self.empty)
        layout.addLayout(self._pages_layout)
        layout.addStretch(1)
        layout.addWidget(self.problems_button)
        layout.addWidget(self.back_button)
        layout.addWidget(self.quit_button)
        self.retranslate()
        follow_language(self, self.retranslate)

    def add_page(self, name: AdminPage, page: QWidget) -> None:
        button = QPushButton(self)
        button.setFont(px_font(28))
        button.setMinimumHeight(64)
        button.clicked.connect(lambda: self.page_requested.emit(name))
        self.page_buttons[name] = button
        self._place_buttons()
        self._pages[name] = page
        page.installEventFilter(self)
        self._label(name)
        self.empty.setVisible(False)

    def _place_buttons(self) -> None:
        """The page buttons in reading order: one column on a portrait screen; on a landscape one,
        two columns, or more once they would make more than :data:`MAX_LANDSCAPE_ROWS` rows
        (nine pages in one column do not fit the height of a 1024×600 panel, and the HR
        workstation on a server has thirteen)."""
        pages = len(self.page_buttons)
        columns = max(2, math.ceil(pages / MAX_LANDSCAPE_ROWS)) if self._landscape else 1
        if columns == self._columns and self._pages_layout.count() == pages:
            return
        self._columns = columns
        for button in self.page_buttons.values():
            self._pages_layout.removeWidget(button)
        for index, button in enumerate(self.page_buttons.values()):
            self._pages_layout.addWidget(button, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._landscape = event.size().height() <= event.size().width()
        self._place_buttons()
        super().resizeEvent(event)

    def _label(self, name: AdminPage) -> None:
        self.page_buttons[name].setText(self._pages[name].windowTitle() or name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowTitleChange:
            for name, page in self._pages.items():
                if page is watched:
                    self._label(name)
        return False

    def retranslate(self) -> None:
        self.title.setText(self.tr("Administration"))
        self.empty.setText(self.tr("No admin pages are installed."))
        self.problems_button.setText(self.tr("Recent problems…"))
        self.back_button.setText(self.tr("Back to the kiosk"))
        self.quit_button.setText(self.tr("Close the kiosk"))

