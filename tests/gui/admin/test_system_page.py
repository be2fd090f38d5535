"""Administration → System check, the admins' backup line, Recent problems from the log, a camera that comes back."""

from __future__ import annotations

import logging
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

import kiosk.ui.maintenance as maintenance
from kiosk.ops.backup import backups_in
from kiosk.ops.doctor import Check, CheckState
from kiosk.paths import log_path_for
from kiosk.settings.specs import Settings
from kiosk.ui.admin.system_page import STATE_COLOURS, SystemPage, check_name, state_name
from kiosk.ui.admin_home import AdminPage

CHECK_NAMES = ["Camera", "Database", "PIN key file", "Free disk space", "Clock", "Backup", "Chinese font",
               "Starts at boot"]


def _cells(page: SystemPage) -> list[list[str]]:
    table = page.table
    return [[table.item(row, column).text() for column in range(3)] for row in range(table.rowCount())]


def test_the_system_check_page_lists_every_check_and_reports_the_running_camera(
    qtbot, make_window, open_admin, faces: Path
) -> None:
    video = faces / "video" / "blink-0012.mp4"
    window = make_window(video)
    qtbot.waitUntil(lambda: window.pipeline.camera_open is not None, timeout=10_000)
    capture = window.pipeline.capture
    page = open_admin(window, AdminPage.SYSTEM)
    assert window.admin_home.page_buttons[AdminPage.SYSTEM].text() == "System check"
    qtbot.waitUntil(lambda: bool(page.results) and not page.running, timeout=30_000)
    rows = _cells(page)
    assert [row[0] for row in rows] == CHECK_NAMES
    assert all(row[1] in {"OK", "Warning", "Failed", "Not checked"} for row in rows)
    # The camera is the kiosk's own, reported as it runs: never opened a second time.
    assert rows[0] == ["Camera", "OK", f"video {video}: open, the kiosk is reading it"]
    assert window.pipeline.capture is capture and window.pipeline.camera_open == f"video {video}"
    assert rows[1][1] == "OK" and rows[1][2].startswith("integrity ok, schema ")
    assert rows[5][1] == "Failed" and rows[5][2].startswith("no backup yet")  # nobody set a backup folder
    for row, result in enumerate(page.results):
        assert page.table.item(row, 1).foreground().color() == QColor(STATE_COLOURS[result.state])
    failures = sum(result.state is CheckState.FAIL for result in page.results)
    assert page.status.text() == f"{failures} check(s) failed."
    # Run again: the same checks, off the GUI thread, then the button is back.
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    assert page.running and not page.run_button.isEnabled() and page.status.text() == "Checking…"
    qtbot.waitUntil(lambda: not page.running and page.run_button.isEnabled(), timeout=30_000)
    assert [row[0] for row in _cells(page)] == CHECK_NAMES


def test_check_and_state_names_cover_every_value() -> None:
    assert [check_name(check) for check in Check] == CHECK_NAMES
    assert [state_name(state) for state in CheckState] == ["OK", "Warning", "Failed", "Not checked"]


@pytest.fixture
def fast_maintenance(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first backup and integrity check right after start-up, not two minutes later."""
    monkeypatch.setattr(maintenance, "FIRST_PASS_AFTER_S", 0.0)


def test_admins_are_told_when_there_is_no_backup(qtbot, make_window, open_admin, fast_maintenance) -> None:
    window = make_window()
    open_admin(window, AdminPage.SETTINGS)
    window.show_admin_home()
    line = window.maintenance.line
    qtbot.waitUntil(lambda: line.isVisible(), timeout=10_000)
    assert line.text() == "No backup yet. Choose a backup folder in Settings."


@pytest.fixture
def settings(tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    """``@pytest.mark.parametrize("settings", ["usb"], indirect=True)``: a backup folder set, as in Settings."""
    folder = getattr(request, "param", "")
    if folder:
        (tmp_path / folder).mkdir()  # the stick's folder, made once by an admin
    return Settings(backup_folder=str(tmp_path / folder) if folder else "")


@pytest.mark.parametrize("settings", ["usb"], indirect=True)
def test_the_kiosk_backs_itself_up_to_the_folder_in_settings(
    qtbot, make_window, open_admin, fast_maintenance, tmp_path: Path, db_path: Path
) -> None:
    window = make_window()
    qtbot.waitUntil(lambda: bool(backups_in(tmp_path / "usb", db_path)), timeout=20_000)
    qtbot.waitUntil(lambda: window.maintenance.status is not None
                    and window.maintenance.status.last_backup is not None, timeout=20_000)
    status = window.maintenance.status
    assert not status.backup_overdue and status.integrity is not None and status.integrity.ok
    open_admin(window, AdminPage.SETTINGS)
    window.show_admin_home()
    assert not window.maintenance.line.isVisible() and window.maintenance.line.text() == ""


@pytest.mark.expected_log("kiosk.storage", "from before")
def test_recent_problems_show_what_the_log_kept_from_before_a_restart(qtbot, make_window, db_path: Path) -> None:
    at = datetime(2024, 5, 5, 17, 0).astimezone().isoformat(timespec="milliseconds")
    log_path_for(db_path).write_text(f"{at} ERROR kiosk.storage: save failed: from before the restart\n")
    window = make_window()
    window.gate.check("246813")
    window.show_admin_home()
    dialog = window.show_recent_problems()
    rows = [[dialog.table.item(row, column).text() for column in range(4)] for row in range(dialog.table.rowCount())]
    assert ["2024-05-05 17:00:00", "1", "kiosk.storage", "save failed: from before the restart"] in rows
    assert str(log_path_for(db_path)) in dialog.explain.text()
    logging.getLogger("kiosk.storage").error("from before? no, from now")
    dialog.refresh()
    assert dialog.table.item(0, 3).text() == "from before? no, from now"


@pytest.mark.expected_log("kiosk.ui", "camera")
def test_a_camera_that_comes_back_is_logged(qtbot, make_window, tmp_path: Path, faces: Path) -> None:
    unplugged = tmp_path / "camera.mp4"
    window = make_window(unplugged, camera_retry_s=0.2)
    qtbot.waitUntil(lambda: window.pipeline.camera_problem is not None, timeout=10_000)
    # Plugged back in, all at once: a retry must never see half a copied file.
    shutil.copyfile(faces / "video" / "blink-0012.mp4", tmp_path / "copying.mp4")
    os.replace(tmp_path / "copying.mp4", unplugged)
    qtbot.waitUntil(lambda: window.pipeline.camera_open is not None, timeout=10_000)
    messages = [entry.message for entry in window.recent_errors.entries()]
    assert messages[0].startswith(f"camera back: video {unplugged} opened again after ")
    assert messages[0].endswith("failed attempt(s)")
    assert messages[1] == f"camera lost: video not found: {unplugged}"
    assert window.pipeline.check().state is CheckState.OK
