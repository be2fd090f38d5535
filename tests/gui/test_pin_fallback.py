"""After repeated failures an employee can check in with code and personal PIN."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.security.pins import PinStore

FOREVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def test_pin_check_in_is_recorded_with_source_pin(qtbot, make_window, repo) -> None:
    ann = repo.employees.add("0042", "Ann Li")
    PinStore(repo).set_employee_pin(ann.id, "8642")
    window = make_window()
    window.kiosk.pin_fallback_requested.emit()
    dialog = window.employee_pin_dialog
    assert dialog is not None and dialog.isVisible()

    dialog.code.setText("0042")
    dialog.pin.setText("0000")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.error.text() == "Unknown code or wrong PIN."
    assert repo.events.between(*FOREVER) == []

    dialog.pin.setText("8642")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    events = repo.events.between(*FOREVER)
    assert [(e.employee_id, e.kind, e.source, e.live) for e in events] == [(ann.id, "in", "pin", False)]
    assert window.kiosk.banner.text() == "Welcome, Ann Li — checked in 08:57"
