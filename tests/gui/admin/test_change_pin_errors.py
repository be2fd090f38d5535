"""Changing the admin PIN when it cannot be done: a translated sentence on the page, the details for the log."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.paths import key_path_for

ADMIN_PIN = "246813"  # what the make_window fixture stores by default


@pytest.mark.expected_log("kiosk.ui.admin", "admin PIN not changed")
def test_a_missing_key_file_is_said_in_words_and_its_details_are_in_recent_problems(
    qtbot, make_window, open_admin, db_path
) -> None:
    window = make_window()
    page = open_admin(window, "settings")
    key = key_path_for(db_path)
    key.unlink()
    box = page.change_pin
    box.current.setText(ADMIN_PIN)
    box.new.setText("135792")
    box.repeated.setText("135792")
    qtbot.mouseClick(box.change_button, Qt.MouseButton.LeftButton)
    assert box.message.text() == (
        "The admin PIN was not changed: the PIN key file of this kiosk is missing or damaged. "
        "Restore it from a backup, or run “kiosk reset-admin-pin” on this computer."
    )
    assert str(key) not in box.message.text()
    assert (box.current.text(), box.new.text(), box.repeated.text()) == ("", "", "")
    logged = [entry for entry in window.recent_errors.entries() if entry.logger == "kiosk.ui.admin"]
    assert logged and logged[0].message.startswith("admin PIN not changed: ")
    assert not key.exists()  # never a fresh key that would invalidate every PIN
