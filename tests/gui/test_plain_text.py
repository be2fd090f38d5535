"""Nothing a user types is drawn as markup: names stay plain text on every screen."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.security.pins import PinStore

HOSTILE = '<img src="x.png" width=900><font color=red>FIRED</font>'
FOREVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def test_a_name_written_as_html_is_shown_as_its_characters(qtbot, make_window, repo) -> None:
    hostile = repo.employees.add("0066", HOSTILE)
    PinStore(repo).set_employee_pin(hostile.id, "5555")
    window = make_window()
    window.kiosk.pin_fallback_requested.emit()
    dialog = window.employee_pin_dialog
    dialog.code.setText("0066")
    dialog.pin.setText("5555")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert len(repo.events.between(*FOREVER)) == 1

    banner = window.kiosk.banner
    assert banner.text() == f"Welcome, {HOSTILE} — checked in 08:57"
    assert banner.textFormat() is Qt.TextFormat.PlainText

    shown = [label for label in window.findChildren(QLabel) if label.isVisible()]
    assert shown and all(label.textFormat() is Qt.TextFormat.PlainText for label in shown)
