"""``kiosk admin --db URL_OR_FILE``: the HR workstation, admin pages without a kiosk.

HR works on its own PC against the company server (or a copy of a kiosk's
file): staff, corrections, reports and the audit log, the same pages the
kiosk's admin home shows, through the same :class:`AdminContext`, behind the
same :class:`~kiosk.security.admin_gate.AdminGate` (wrong PINs count toward the same
lockout and are audited). There is no camera and no kiosk screen: enrolling
faces needs the guided capture, so it stays on the kiosks, and the staff
page's enroll buttons are hidden with a line saying so. Locking (or the admin
idle timeout) returns to the PIN page.

On a server, HR also gets the Settings page for the company-wide settings
(attendance and security policy, :mod:`kiosk.sync.company_settings`): saved and
audited on the server, applied by every kiosk at its next sync; the Doors page
(:mod:`kiosk.ui.admin.doors_page`: which login is which door, one door's day);
and the enrollments made at the doors, to approve or reject
(:mod:`kiosk.ui.admin.enrollment_requests_page`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.errors import DatabaseBusy
from kiosk.security.admin_gate import AdminGate
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.ui.admin.calendar_page import CalendarPage
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.admin.corrections import AuditPage, CorrectionsPage
from kiosk.ui.admin.doors_page import DoorsPage
from kiosk.ui.admin.enrollment_requests_page import EnrollmentRequestsPage
from kiosk.ui.admin.leave_page import LeavePage
from kiosk.ui.admin.reports import ReportsPage
from kiosk.ui.admin.settings_page import SettingsPage
from kiosk.ui.admin.shifts_page import ShiftsPage
from kiosk.ui.admin.staff import StaffPage
from kiosk.ui.admin_home import AdminHome, AdminPage
from kiosk.ui.dialogs import PinDialog
from kiosk.ui.style import follow_language
from kiosk.ui.widgets import px_font
from kiosk.wiring import SettingsMode, effective_settings


class LockedPage(QWidget):
    """What the workstation shows until the admin PIN is entered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setFont(px_font(40, bold=True))
        self.message = QLabel(self)
        self.message.setFont(px_font(22))
        self.message.setWordWrap(True)
        self.unlock_button = QPushButton(self)
        self.unlock_button.setFont(px_font(28))
        self.unlock_button.setMinimumHeight(64)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.unlock_button)
        layout.addStretch(1)
        self.retranslate()
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        self.title.setText(self.tr("HR workstation"))
        self.message.setText(
            self.tr("Staff, corrections, reports and the audit log. Enrolling faces needs a camera: enroll at a kiosk.")
        )
        self.unlock_button.setText(self.tr("Enter the admin PIN…"))


class HrWorkstation(QMainWindow):
    """The admin pages in a window of their own, behind the admin PIN, with no camera.

    ``db_path`` is the database file, or for a server the base its settings
    file is named after (see :class:`~kiosk.storage.location.DatabaseLocation`).
    """

    def __init__(
        self,
        repo: Repository,
        db_path: Path,
        settings: Settings,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        # On a server, the company-wide settings shown and used here are the ones HR set there.
        self.settings = effective_settings(settings, repo, managed=bool(repo.server_url))
        self.gate = AdminGate(repo, clock)
        self.pin_dialog: PinDialog | None = None
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.locked_page = LockedPage(self)
        self.locked_page.unlock_button.clicked.connect(self.ask_admin_pin)
        self.admin_home = AdminHome(self)
        # The kiosk's own buttons (camera problems, back to the kiosk, close the
        # kiosk) mean nothing here; the workstation puts Lock and Close instead.
        for button in (self.admin_home.problems_button, self.admin_home.back_button, self.admin_home.quit_button):
            button.hide()
        self.lock_button = QPushButton(self.admin_home)
        self.lock_button.clicked.connect(self.lock)
        self.close_button = QPushButton(self.admin_home)
        self.close_button.clicked.connect(self.close)
        home_layout = self.admin_home.layout()
        assert home_layout is not None  # AdminHome lays itself out in __init__
        for button in (self.lock_button, self.close_button):
            button.setFont(px_font(26))
            button.setMinimumHeight(56)
            home_layout.addWidget(button)
        self.admin_home.page_requested.connect(self.show_admin_page)
        self.stack.addWidget(self.locked_page)
        self.stack.addWidget(self.admin_home)
        context = AdminContext(
            repo=repo,
            db_path=db_path,
            clock=clock,
            current_settings=lambda: self.settings,
            apply_settings=self._apply_settings,
            reload_engine=lambda: None,  # no engine here: kiosks reload theirs when the gallery changes
            use_camera=lambda _source: None,  # no camera here
            show_admin_home=self.show_admin_home,
            gate=self.gate,
            settings_mode=lambda: SettingsMode.COMPANY,
        )
        staff = StaffPage(context)
        for button in (staff.enroll_button, staff.re_enroll_button):
            button.hide()  # enrolling needs the kiosk's guided capture
        self.admin_pages: dict[AdminPage, QWidget] = {
            AdminPage.EMPLOYEES: staff,
            AdminPage.CORRECTIONS: CorrectionsPage(context),
            AdminPage.REPORTS: ReportsPage(context),
            # Company-wide: with a server, HR keeps shifts, the calendar and leave here.
            AdminPage.SHIFTS: ShiftsPage(context),
            AdminPage.CALENDAR: CalendarPage(context),
            AdminPage.LEAVE: LeavePage(context),
            AdminPage.AUDIT: AuditPage(context),
        }
        if repo.server_url:  # a kiosk's file has no company to set rules for: its kiosk's own page does that
            self.admin_pages[AdminPage.SETTINGS] = SettingsPage(context)
            # The doors (which login is which door, one door's day) and what they enrolled, for HR to decide.
            self.admin_pages[AdminPage.DOORS] = DoorsPage(context)
            self.admin_pages[AdminPage.ENROLLMENT_REQUESTS] = EnrollmentRequestsPage(context)
        for name, page in self.admin_pages.items():
            self.stack.addWidget(page)
            self.admin_home.add_page(name, page)
        # Same idle rule as the kiosk: an unattended HR PC locks itself.
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(15_000)
        self.idle_timer.timeout.connect(self._on_idle_timer_timeout)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.stack.setCurrentWidget(self.locked_page)
        self.retranslate()
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("HR workstation"))
        self.lock_button.setText(self.tr("Lock"))
        self.close_button.setText(self.tr("Close"))

    # ---- the PIN ------------------------------------------------------------
    def ask_admin_pin(self) -> PinDialog:
        """Open the PIN dialog; the right PIN opens the admin home."""
        if self.pin_dialog is not None:
            self.pin_dialog.reject()
        dialog = PinDialog(self.tr("Enter the admin PIN to open administration."), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def _on_pin_entered(pin: str) -> None:
            try:
                dialog.answer(self.gate, pin, self.show_admin_home)
            except DatabaseBusy:
                dialog.error.setText(self.tr("The attendance log is busy; try again."))

        dialog.pin_entered.connect(_on_pin_entered)
        dialog.finished.connect(lambda _result: setattr(self, "pin_dialog", None))
        self.pin_dialog = dialog
        dialog.open()
        return dialog

    # ---- navigation -----------------------------------------------------------
    def show_admin_home(self) -> None:
        if not self.gate.is_open:
            raise PermissionError("administration opens only after the admin PIN")
        self.stack.setCurrentWidget(self.admin_home)
        self.idle_timer.start()

    def show_admin_page(self, name: AdminPage) -> None:
        if not self.gate.is_open:
            raise PermissionError("admin pages open only after the admin PIN")
        self.stack.setCurrentWidget(self.admin_pages[name])
        self.idle_timer.start()

    def lock(self) -> None:
        """Close the gate and go back to the PIN page."""
        self.gate.close()
        self.idle_timer.stop()
        self.stack.setCurrentWidget(self.locked_page)

    def _apply_settings(self, settings: Settings) -> None:
        self.settings = settings

    def _on_idle_timer_timeout(self) -> None:
        if self.gate.close_if_idle():
            self.lock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress) and self.gate.is_open:
            self.gate.touch()
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.idle_timer.stop()
        super().closeEvent(event)


def run_admin(location: str | None, language: str | None) -> int:
    """Run the HR workstation on ``location`` (file or ``postgresql://`` URL) until closed; the exit code.

    The database must exist (a file is never created here; a server's tables
    are created and migrated on this writable open, as its owner's first
    open). Errors opening it are raised as one-line :class:`KioskError` for
    the CLI to print.
    """
    from kiosk.paths import settings_path_for
    from kiosk.settings.files import load_settings
    from kiosk.storage.location import open_repository, resolve_location
    from kiosk.ui.i18n import install_translator
    from kiosk.ui.widgets import install_plain_text_labels

    where = resolve_location(location)
    settings = load_settings(settings_path_for(where.path))
    repo = open_repository(where, "write")  # before any window: a bad --db is one line on the terminal
    app = QApplication.instance() or QApplication(["kiosk"])
    assert isinstance(app, QApplication)
    try:
        install_translator(app, language or settings.language)
        install_plain_text_labels(app)
        window = HrWorkstation(repo, where.path, settings, lambda: datetime.now().astimezone())
        window.show()
        return app.exec()
    finally:
        repo.close()
