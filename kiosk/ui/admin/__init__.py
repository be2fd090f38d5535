"""Admin screens, each in its own module, all behind the admin PIN.

:func:`install_admin_pages` registers them with the main window; the window's
admin home lists them and enforces the PIN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk.storage.models import Employee
from kiosk.ui.admin.calendar_page import CalendarPage
from kiosk.ui.admin.corrections import AuditPage, CorrectionsPage
from kiosk.ui.admin.enroll import EnrollWizard
from kiosk.ui.admin.leave_page import LeavePage
from kiosk.ui.admin.reports import ReportsPage
from kiosk.ui.admin.settings_page import SettingsPage
from kiosk.ui.admin.shifts_page import ShiftsPage
from kiosk.ui.admin.staff import StaffPage
from kiosk.ui.admin.system_page import SystemPage
from kiosk.ui.admin_home import AdminPage

__all__ = [
    "AuditPage", "CalendarPage", "CorrectionsPage", "EnrollWizard", "LeavePage", "ReportsPage", "SettingsPage",
    "ShiftsPage", "StaffPage", "SystemPage", "install_admin_pages",
]

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


def install_admin_pages(window: MainWindow) -> dict[AdminPage, QWidget]:
    """Create every admin page and register it with ``window.add_admin_page``.

    Every page gets the window's :class:`~kiosk.ui.admin.context.AdminContext`;
    the enrollment wizard also borrows the camera pipeline while it captures.
    Returns the pages by name.
    """
    context = window.admin_context()
    enroll = EnrollWizard(context, window.pipeline)
    staff = StaffPage(context)
    pages: dict[AdminPage, QWidget] = {
        AdminPage.ENROLL: enroll,
        AdminPage.EMPLOYEES: staff,
        AdminPage.CORRECTIONS: CorrectionsPage(context),
        AdminPage.REPORTS: ReportsPage(context),
        AdminPage.SHIFTS: ShiftsPage(context),
        AdminPage.CALENDAR: CalendarPage(context),
        AdminPage.LEAVE: LeavePage(context),
        AdminPage.AUDIT: AuditPage(context),
        AdminPage.SETTINGS: SettingsPage(context),
        AdminPage.SYSTEM: SystemPage(context),
    }

    def _on_re_enroll_requested(employee: Employee | None) -> None:
        enroll.start_new(employee)
        window.show_admin_page(AdminPage.ENROLL)

    staff.re_enroll_requested.connect(_on_re_enroll_requested)
    enroll.enrolled.connect(lambda _employee: staff.refresh())
    for name, page in pages.items():
        window.add_admin_page(name, page)
    return pages
