"""``kiosk admin``: the HR workstation on an SQLite file and on the real PostgreSQL server.

Staff, corrections, reports and audit behind the admin PIN, no camera, no
enrollment; a correction made here is in the database every kiosk reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from clocks import FakeClock

from kiosk.cli.main import main
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.ui.admin.workstation import HrWorkstation

ADMIN_PIN = "246813"


@pytest.fixture(params=["sqlite", "postgresql"])
def hr_repo(
    request: pytest.FixtureRequest, tmp_path: Path, week_clock: FakeClock, store_admin_pin: Callable[[Repository], None]
) -> Iterator[Repository]:
    """A repository on one engine with the run's admin PIN stored (and its key file beside it)."""
    if request.param == "sqlite":
        repo = Repository(tmp_path / "office.sqlite", clock=week_clock)
    else:
        url = request.getfixturevalue("postgres_url")
        repo = Repository(url, files_base=tmp_path / "server.server", clock=week_clock)
    store_admin_pin(repo)
    yield repo
    repo.close()


def test_hr_opens_staff_corrections_reports_and_audit_behind_the_pin_without_a_camera(
    qtbot, hr_repo: Repository, week_clock: FakeClock, seed_week: Callable[[Repository], dict[str, int]]
) -> None:
    ids = seed_week(hr_repo)
    window = HrWorkstation(hr_repo, hr_repo.path, Settings(), week_clock)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.locked_page
    with pytest.raises(PermissionError):
        window.show_admin_page("corrections")

    dialog = window.ask_admin_pin()
    dialog.field.setText("999999")
    dialog._on_ok_clicked()
    assert window.stack.currentWidget() is window.locked_page and not window.gate.is_open
    dialog.field.setText(ADMIN_PIN)
    dialog._on_ok_clicked()
    assert window.stack.currentWidget() is window.admin_home

    # No enroll; company-wide settings, doors and their enrollments only where there is a company server.
    company = {"settings", "doors", "enrollment_requests"} if hr_repo.server_url else set()
    # Shifts, the work calendar and leave are company-wide: HR keeps them here (on the server, with one).
    assert set(window.admin_home.page_buttons) == {
        "employees", "corrections", "reports", "shifts", "calendar", "leave", "audit",
    } | company
    window.show_admin_page("employees")
    staff = window.admin_pages["employees"]
    assert [e.code for e in staff.employees] == ["0012", "0031", "0044"]
    assert staff.enroll_button.isHidden() and staff.re_enroll_button.isHidden()

    # A correction here lands in the shared database, audited with its reason.
    friday = datetime(2024, 5, 3, 9, 30, tzinfo=UTC)
    hr_repo.events.add_manual(ids["0012"], "out", friday, 480, "left at 17:30, scanner was off", actor="hr")
    window.show_admin_page("audit")
    audit = window.admin_pages["audit"]
    assert [e.action for e in audit.entries][:3] == ["add_event", "admin_pin_ok", "admin_pin_refused"]
    window.show_admin_page("corrections")
    window.show_admin_page("reports")
    for name in ("shifts", "calendar", "leave"):
        window.show_admin_page(name)
    hr_repo.shifts.add("白班", "08:30", "17:30")
    shifts = window.admin_pages["shifts"]
    shifts.refresh()
    assert [shift.name for shift in shifts.shifts] == ["白班"]

    assert window.admin_home.back_button.isHidden() and window.admin_home.quit_button.isHidden()
    window.lock_button.click()
    assert window.stack.currentWidget() is window.locked_page and not window.gate.is_open


def test_kiosk_admin_on_a_missing_file_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.sqlite"
    assert main(["admin", "--db", str(missing)]) != 0
    err = capsys.readouterr().err
    assert err == f"kiosk: error: database not found: {missing}; enroll someone first or pass --db\n"
    assert not missing.exists()


def test_the_hr_workstation_speaks_chinese(qtbot, tmp_path: Path, week_clock: FakeClock) -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.i18n import install_translator

    with Repository(tmp_path / "office.sqlite", clock=week_clock) as repo:
        window = HrWorkstation(repo, repo.path, Settings(), week_clock)
        qtbot.addWidget(window)
        try:
            install_translator(QApplication.instance(), "zh_CN")
            assert window.windowTitle() == "人事工作站"
            assert window.locked_page.message.text().endswith("请在考勤机上录入。")
            assert window.lock_button.text() == "锁定"
        finally:
            install_translator(QApplication.instance(), "en")
        window.close()
