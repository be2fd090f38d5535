"""Admin screens, each in its own module, all behind the admin PIN.

:func:`install_admin_pages` registers them with the main window; the window's
admin home lists them and enforces the PIN.
"""

from __future__ import annotations

from typing import Any

from kiosk.ui.admin.corrections import AuditPage, CorrectionsPage
from kiosk.ui.admin.enroll import EnrollWizard
from kiosk.ui.admin.reports import ReportsPage
from kiosk.ui.admin.settings_page import SettingsPage
from kiosk.ui.admin.staff import StaffPage

__all__ = [
    "AuditPage", "CorrectionsPage", "EnrollWizard", "ReportsPage", "SettingsPage", "StaffPage", "install_admin_pages",
]


def install_admin_pages(window: Any, *, paced: bool = True, lockstep: bool = False) -> dict[str, Any]:
    """Create every admin page and register it with ``window.add_admin_page``.

    ``paced``/``lockstep`` are passed to the enrollment camera exactly as to the
    kiosk's (a video file as the camera, replayed frame by frame in tests).
    Returns the pages by name.
    """
    enroll = EnrollWizard(window, paced=paced, lockstep=lockstep)
    staff = StaffPage(window)
    pages: dict[str, Any] = {
        "enroll": enroll,
        "employees": staff,
        "corrections": CorrectionsPage(window),
        "reports": ReportsPage(window),
        "audit": AuditPage(window),
        "settings": SettingsPage(window),
    }

    def _on_re_enroll_requested(employee: object) -> None:
        enroll.start_new(employee)  # type: ignore[arg-type]
        window.show_admin_page("enroll")

    staff.re_enroll_requested.connect(_on_re_enroll_requested)
    enroll.enrolled.connect(lambda _employee: staff.refresh())
    for name, page in pages.items():
        window.add_admin_page(name, page)
    return pages
