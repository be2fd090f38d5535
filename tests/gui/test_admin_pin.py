"""First run asks for an admin PIN; admin mode and leaving the kiosk need it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from kiosk.paths import key_path_for
from kiosk.security.admin_gate import ADMIN_IDLE_S, ADMIN_PIN_KEY, PIN_ATTEMPTS_BEFORE_LOCK
from kiosk.security.hashing import ADMIN_PIN_MIN_DIGITS
from kiosk.security.pins import PinStore

ADMIN_PIN = "246813"  # what the make_window fixture stores by default


def _enter_pin(qtbot, window, pin: str) -> None:
    dialog = window.pin_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.field.setText(pin)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


def test_first_run_asks_for_the_admin_pin_twice(qtbot, make_window, repo) -> None:
    window = make_window(admin_pin=None)
    page = window.setup_page
    assert window.stack.currentWidget() is page
    assert window.capture is None  # no camera before the kiosk is set up

    assert "at least 6 digits" in page.explain.text() and ADMIN_PIN_MIN_DIGITS == 6
    page.first.setText("13579")  # enough for a personal PIN, one digit short for the admin's
    page.second.setText("13579")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.error.text() == "The PIN needs at least 6 digits."
    page.first.setText("135791")
    page.second.setText("135790")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.error.text() == "The two PINs differ. Type the same PIN twice."
    assert repo.settings.get(ADMIN_PIN_KEY) is None

    page.first.setText("135791")
    page.second.setText("135791")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    stored = repo.settings.get(ADMIN_PIN_KEY)
    assert stored is not None and "135791" not in stored and stored.startswith("scrypt-k1$")
    assert PinStore(repo).verify("135791", stored)
    assert window.stack.currentWidget() is window.kiosk
    assert window.capture is not None and window.vision is not None


def test_pin_field_accepts_digits_only(qtbot, make_window) -> None:
    page = make_window(admin_pin=None).setup_page
    page.first.setFocus()
    qtbot.keyClicks(page.first, "12ab3")
    assert page.first.text() == "123"


def test_admin_mode_needs_the_right_pin(qtbot, make_window) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.kiosk
    qtbot.mouseClick(window.kiosk.admin_button, Qt.MouseButton.LeftButton)
    _enter_pin(qtbot, window, "0000")
    assert window.pin_dialog is not None and window.pin_dialog.error.text() == "Wrong PIN."
    assert window.stack.currentWidget() is window.kiosk
    _enter_pin(qtbot, window, ADMIN_PIN)
    assert window.stack.currentWidget() is window.admin_home
    assert window.in_admin_mode

    qtbot.mouseClick(window.admin_home.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.kiosk
    assert not window.in_admin_mode


@pytest.mark.expected_log("kiosk.admin", "locked for")
def test_repeated_wrong_pins_lock_the_admin_pin_for_a_while(qtbot, make_window, repo) -> None:
    window = make_window()
    qtbot.mouseClick(window.kiosk.admin_button, Qt.MouseButton.LeftButton)
    for _ in range(PIN_ATTEMPTS_BEFORE_LOCK - 1):
        _enter_pin(qtbot, window, "0000")
        assert window.pin_dialog.error.text() == "Wrong PIN."
    _enter_pin(qtbot, window, "0000")
    assert window.pin_dialog.error.text() == "Too many wrong PINs. Try again in 60 s."
    # Even the right PIN is refused while locked, and the refusal is audited.
    _enter_pin(qtbot, window, ADMIN_PIN)
    assert window.pin_dialog.error.text().startswith("Too many wrong PINs.")
    assert window.stack.currentWidget() is window.kiosk
    assert repo.audit.entries()[0].detail == "locked after repeated wrong PINs"


def test_idle_admin_mode_returns_to_the_locked_kiosk(qtbot, make_window, repo, clock) -> None:
    window = make_window()
    window.admin_idle_timer.setInterval(20)  # milliseconds between checks; the gate decides from the clock
    qtbot.mouseClick(window.kiosk.admin_button, Qt.MouseButton.LeftButton)
    _enter_pin(qtbot, window, ADMIN_PIN)
    assert window.in_admin_mode and window.admin_idle_timer.isActive()
    clock.now += timedelta(seconds=ADMIN_IDLE_S - 1)
    qtbot.wait(100)
    assert window.in_admin_mode  # not idle long enough yet
    clock.now += timedelta(seconds=1)
    qtbot.waitUntil(lambda: not window.in_admin_mode, timeout=5000)
    assert window.stack.currentWidget() is window.kiosk
    assert repo.audit.entries()[0].action == "admin_timeout"
    # Back on the kiosk, the admin pages need the PIN again.
    with pytest.raises(PermissionError):
        window.show_admin_page("anything")


def test_admin_pages_are_listed_and_locked(qtbot, make_window) -> None:
    from PySide6.QtWidgets import QLabel

    window = make_window()
    page = QLabel("staff")
    page.setWindowTitle("Staff")
    window.add_admin_page("staff", page)
    assert window.admin_home.page_buttons["staff"].text() == "Staff"
    page.setWindowTitle("Staff list")
    assert window.admin_home.page_buttons["staff"].text() == "Staff list"
    try:
        window.show_admin_page("staff")
    except PermissionError:
        pass
    else:
        raise AssertionError("admin page opened without the PIN")
    window.gate.check(ADMIN_PIN)
    window.show_admin_home()
    qtbot.mouseClick(window.admin_home.page_buttons["staff"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is page


def test_the_kiosk_cannot_be_closed_without_the_pin(qtbot, make_window) -> None:
    window = make_window()
    window.close()
    assert window.isVisible()
    _enter_pin(qtbot, window, "9999")
    assert window.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # Esc on the kiosk does nothing
    assert window.isVisible()
    _enter_pin(qtbot, window, ADMIN_PIN)
    assert not window.isVisible()
    assert window.capture is None and window.vision is None  # threads stopped on close


@pytest.mark.expected_log("kiosk.ui", "PIN key file")
def test_a_missing_key_file_says_so_instead_of_wrong_pin(qtbot, make_window, db_path) -> None:
    window = make_window()
    key_path_for(db_path).unlink()
    qtbot.mouseClick(window.kiosk.admin_button, Qt.MouseButton.LeftButton)
    _enter_pin(qtbot, window, ADMIN_PIN)
    assert window.pin_dialog is not None
    assert window.pin_dialog.error.text().startswith("The PIN key file of this kiosk is missing or damaged")
    assert window.stack.currentWidget() is window.kiosk
    assert not key_path_for(db_path).exists()  # never a fresh key that would invalidate every PIN
