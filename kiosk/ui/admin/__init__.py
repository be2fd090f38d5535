"""Admin screens, each in its own module, all behind the admin PIN.

:func:`install_admin_pages` registers them with the main window; the window's
admin home lists them and enforces the PIN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk.storage.repository import Employee
from kiosk.ui.admin.corrections import AuditPage, CorrectionsPage
from kiosk.ui.admin.enroll import EnrollWizard
from kiosk.ui.admin.reports import ReportsPage
from kiosk.ui.admin.settings_page import SettingsPage
from kiosk.ui.admin.staff import StaffPage

__all__ = [
    "AuditPage", "CorrectionsPage", "EnrollWizard", "ReportsPage", "SettingsPage", "StaffPage", "install_admin_pages",
]

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


def install_admin_pages(window: MainWindow) -> dict[str, QWidget]:
    """Create every admin page and register it with ``window.add_admin_page``.

    Every page gets the window's :class:`~kiosk.ui.admin.context.AdminContext`;
    the enrollment wizard also borrows the camera pipeline while it captures.
    Returns the pages by name.
    """
    context = window.admin_context()
    enroll = EnrollWizard(context, window.pipeline)
    staff = StaffPage(context)
    pages: dict[str, QWidget] = {
        "enroll": enroll,
        "employees": staff,
        "corrections": CorrectionsPage(context),
        "reports": ReportsPage(context),
        "audit": AuditPage(context),
        "settings": SettingsPage(context),
    }

    def _on_re_enroll_requested(employee: Employee | None) -> None:
        enroll.start_new(employee)
        window.show_admin_page("enroll")

    staff.re_enroll_requested.connect(_on_re_enroll_requested)
    enroll.enrolled.connect(lambda _employee: staff.refresh())
    for name, page in pages.items():
        window.add_admin_page(name, page)
    return pages
