"""Touch only: every PIN is entered on the on-screen keypad, and codes with letters by picking a name.

Keys are pressed with real mouse clicks (qtbot.mouseClick), as a finger would;
the physical keyboard keeps working beside them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.security.admin_gate import ADMIN_PIN_KEY
from kiosk.security.pins import PinStore
from kiosk.storage.models import Employee
from kiosk.ui.admin.staff import PinDialog as PersonalPinDialog
from kiosk.ui.dialogs import ChangePinBox, EmployeePinDialog, PinSetupPage
from kiosk.ui.keypad import NumericKeypad
from kiosk.ui.style import TOUCH_TARGET_PX

ADMIN_PIN = "246813"  # what the make_window fixture stores by default
FOREVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def _tap(qtbot, key: QWidget) -> None:
    qtbot.mouseClick(key, Qt.MouseButton.LeftButton)


def _type(qtbot, keypad: NumericKeypad, digits: str) -> None:
    for digit in digits:
        _tap(qtbot, keypad.digit_keys[digit])


def test_keys_are_finger_sized_and_type_through_the_fields_own_rules(qtbot) -> None:
    page = PinSetupPage()
    qtbot.addWidget(page)
    page.show()
    keypad = page.keypad
    keys = [*keypad.digit_keys.values(), keypad.backspace_key, keypad.clear_key, keypad.ok_key]
    assert sorted(keypad.digit_keys) == list("0123456789")
    assert all(min(key.width(), key.height()) >= TOUCH_TARGET_PX for key in keys)
    assert all(key.focusPolicy() is Qt.FocusPolicy.NoFocus for key in keys)  # the field keeps the cursor
    _type(qtbot, keypad, "1234")
    _tap(qtbot, keypad.backspace_key)
    assert page.first.text() == "123"
    _tap(qtbot, keypad.clear_key)
    assert page.first.text() == ""
    _type(qtbot, keypad, "1234567890123")  # one past the 12-digit limit of a PIN field
    assert page.first.text() == "123456789012"
    assert page.second.text() == ""


def test_first_run_admin_pin_is_set_on_the_keypad(qtbot, make_window, repo) -> None:
    window = make_window(admin_pin=None)
    page = window.setup_page
    _type(qtbot, page.keypad, "135791")
    _tap(qtbot, page.keypad.ok_key)  # on to the repeat
    assert page.keypad.target is page.second and repo.settings.get(ADMIN_PIN_KEY) is None
    _type(qtbot, page.keypad, "135791")
    _tap(qtbot, page.keypad.ok_key)
    stored = repo.settings.get(ADMIN_PIN_KEY)
    assert stored is not None and PinStore(repo).verify("135791", stored)
    assert window.stack.currentWidget() is window.kiosk


def test_admin_pin_on_the_keypad_opens_administration(qtbot, make_window) -> None:
    window = make_window()
    _tap(qtbot, window.kiosk.admin_button)
    dialog = window.pin_dialog
    assert dialog is not None and dialog.isVisible()
    _type(qtbot, dialog.keypad, "000000")
    _tap(qtbot, dialog.keypad.ok_key)
    assert dialog.error.text() == "Wrong PIN." and dialog.field.text() == ""
    assert window.stack.currentWidget() is window.kiosk
    _type(qtbot, dialog.keypad, ADMIN_PIN[:3])
    qtbot.keyClicks(dialog.field, ADMIN_PIN[3:])  # a physical keyboard still types into the same field
    _tap(qtbot, dialog.keypad.ok_key)
    assert window.stack.currentWidget() is window.admin_home


def test_a_code_with_letters_is_picked_by_name_within_a_department(qtbot, make_window, repo) -> None:
    ann = repo.employees.add("OPS-7", "Ann Li", department="Operations")
    PinStore(repo).set_employee_pin(ann.id, "8642")
    repo.employees.add("S-2", "<b>Bo</b> Chen", department="Sales")
    gone = repo.employees.add("OPS-9", "Carl Gone", department="Operations")
    repo.employees.update(gone.id, active=False)
    window = make_window()
    window.kiosk.pin_fallback_requested.emit()
    dialog = window.employee_pin_dialog
    assert isinstance(dialog, EmployeePinDialog) and dialog.isVisible()

    def listed() -> list[str]:
        return [dialog.people.item(row).text() for row in range(dialog.people.count())]

    # Only active staff, as plain text (a name is never markup), name and code on one large row.
    assert listed() == ["Ann Li  ·  OPS-7", "<b>Bo</b> Chen  ·  S-2"]
    assert dialog.people.sizeHintForRow(0) >= TOUCH_TARGET_PX
    dialog.department.setCurrentIndex(dialog.department.findText("Sales"))
    assert listed() == ["<b>Bo</b> Chen  ·  S-2"]
    dialog.department.setCurrentIndex(dialog.department.findText("Operations"))
    assert listed() == ["Ann Li  ·  OPS-7"]
    dialog.people.setFocus()  # the list taking the focus picks nobody
    assert dialog.code.text() == ""
    row = dialog.people.visualItemRect(dialog.people.item(0))
    qtbot.mouseClick(dialog.people.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    assert dialog.code.text() == "OPS-7" and dialog.keypad.target is dialog.pin

    _type(qtbot, dialog.keypad, "0000")
    _tap(qtbot, dialog.keypad.ok_key)
    assert dialog.error.text() == "Unknown code or wrong PIN."
    assert [item.text() for item in dialog.people.selectedItems()] == ["Ann Li  ·  OPS-7"]
    qtbot.keyClicks(dialog.code, "X")  # typing a code by hand: no row stays highlighted as if picked
    assert dialog.people.selectedItems() == []
    dialog.code.setText("OPS-7")
    _type(qtbot, dialog.keypad, "8642")
    _tap(qtbot, dialog.keypad.ok_key)
    events = repo.events.between(*FOREVER)
    assert [(e.employee_id, e.kind, e.source) for e in events] == [(ann.id, "in", "pin")]
    assert window.kiosk.banner.text() == "Welcome, Ann Li — checked in 08:57"


def test_change_pin_box_moves_from_field_to_field_on_the_keypad(qtbot) -> None:
    box = ChangePinBox()
    qtbot.addWidget(box)
    box.show()
    _type(qtbot, box.keypad, ADMIN_PIN)
    _tap(qtbot, box.keypad.ok_key)
    _type(qtbot, box.keypad, "97531864")
    _tap(qtbot, box.keypad.ok_key)
    _type(qtbot, box.keypad, "97531864")
    with qtbot.waitSignal(box.change_requested) as asked:
        _tap(qtbot, box.keypad.ok_key)
    assert asked.args == [ADMIN_PIN, "97531864", "97531864"]


def test_personal_pin_dialog_on_staff_takes_the_keypad(qtbot) -> None:
    ann = Employee(id=7, code="OPS-7", name="Ann Li", department="Ops", active=True, consent_at=None, has_pin=False)
    dialog = PersonalPinDialog(ann)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.keypad, "4321")
    _tap(qtbot, dialog.keypad.ok_key)
    _type(qtbot, dialog.keypad, "4321")
    with qtbot.waitSignal(dialog.buttons.accepted):
        _tap(qtbot, dialog.keypad.ok_key)
    assert (dialog.first.text(), dialog.second.text()) == ("4321", "4321")
