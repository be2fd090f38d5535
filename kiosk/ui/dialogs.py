"""PIN entry: the first-run admin PIN, the admin gate, changing the admin PIN, the employee PIN fallback.

Dialogs are opened with ``open()`` (window-modal, non-blocking) rather than
``exec()``, so the camera keeps running behind them and tests can fill them in.
PINs are digits only; nothing here stores or compares a PIN itself — hashing
and checking live in :mod:`kiosk.security` and the repository.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.attendance.pin_checkin import RosterEntry, roster_departments
from kiosk.errors import DatabaseBusy, KioskError
from kiosk.security.admin_gate import AdminGate, GateAnswer, PinChange, PinChangeVerdict
from kiosk.security.hashing import ADMIN_PIN_MIN_DIGITS, PIN_MAX_DIGITS
from kiosk.security.keyfile import PinKeyError
from kiosk.ui.keypad import NumericKeypad
from kiosk.ui.style import (
    RED,
    TOUCH_TARGET_PX,
    follow_language,
    mark_touch_target,
    set_status_colour,
    set_text_colour,
)
from kiosk.ui.widgets import px_font

FIELD_PX = 32
"""Entry fields are big enough to hit on a touch screen."""
ROW_PX = TOUCH_TARGET_PX + 16
"""Height of a row on the pick-your-name list: the touch minimum plus room for a 26 px name."""


def pin_field(parent: QWidget | None = None) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{PIN_MAX_DIGITS}}}"), field))
    field.setFont(px_font(FIELD_PX))
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    mark_touch_target(field)
    return field


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    set_text_colour(label, RED)
    label.setFont(px_font(22))
    label.setWordWrap(True)
    return label


log = logging.getLogger(__name__)

class PinSetupPage(QWidget):
    """First run: choose the admin PIN (entered twice, at least :data:`ADMIN_PIN_MIN_DIGITS` digits).

    Signals:
        pin_chosen(str): both entries matched and were long enough.
    """

    pin_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setFont(px_font(40, bold=True))
        self.title.setWordWrap(True)
        self.explain = QLabel(self)
        self.explain.setFont(px_font(24))
        self.explain.setWordWrap(True)
        self.first = pin_field(self)
        self.second = pin_field(self)
        self.error = _error_label(self)
        self.save_button = QPushButton(self)
        self.save_button.setFont(px_font(28))
        mark_touch_target(self.save_button)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.second.returnPressed.connect(self._on_save_clicked)
        self.first.returnPressed.connect(self.second.setFocus)
        self.keypad = NumericKeypad(self)
        self.keypad.follow_focus(self.first, self.second)
        self.keypad.ok_pressed.connect(self._on_keypad_ok)
        self.form = QFormLayout()
        self.first_label, self.second_label = QLabel(self), QLabel(self)
        for label in (self.first_label, self.second_label):
            label.setFont(px_font(24))
        self.form.addRow(self.first_label, self.first)
        self.form.addRow(self.second_label, self.second)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        fields = QHBoxLayout()
        fields.addLayout(self.form, 1)
        fields.addSpacing(32)
        fields.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(fields)
        layout.addWidget(self.error)
        layout.addWidget(self.save_button)
        layout.addStretch(1)
        self.retranslate()
        follow_language(self, self.retranslate)

    def _on_keypad_ok(self) -> None:
        """OK after the first entry moves on to the repeat; after the repeat it saves."""
        if self.keypad.target is self.first:
            self.second.setFocus()
            self.keypad.attach(self.second)  # also without focus (a window not yet active)
        else:
            self._on_save_clicked()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome! Choose an admin PIN"))
        self.explain.setText(
            self.tr(
                "The admin PIN protects enrollment, corrections and settings, and is needed to close the kiosk. "
                "Use at least {digits} digits."
            ).format(digits=ADMIN_PIN_MIN_DIGITS)
        )
        self.first_label.setText(self.tr("Admin PIN"))
        self.second_label.setText(self.tr("Repeat PIN"))
        self.save_button.setText(self.tr("Save PIN and start"))


    def _on_save_clicked(self) -> None:
        first, second = self.first.text(), self.second.text()
        if len(first) < ADMIN_PIN_MIN_DIGITS:
            self.error.setText(self.tr("The PIN needs at least {digits} digits.").format(digits=ADMIN_PIN_MIN_DIGITS))
            return
        if first != second:
            self.error.setText(self.tr("The two PINs differ. Type the same PIN twice."))
            self.second.clear()
            return
        self.error.clear()
        self.first.clear()
        self.second.clear()
        self.keypad.attach(self.first)
        self.pin_chosen.emit(first)


class ChangePinBox(QGroupBox):
    """Change the admin PIN: the current PIN, then the new one twice.

    It only passes on what was typed; the admin gate decides
    (:meth:`kiosk.security.admin_gate.AdminGate.change_pin`) and :meth:`show_verdict`
    draws the answer. Every field is cleared after an answer, so no PIN
    lingers on screen.

    Signals:
        change_requested(str, str, str): current, new and repeated PIN, when the button is pressed.
    """

    change_requested = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = pin_field(self)
        self.new = pin_field(self)
        self.repeated = pin_field(self)
        for field in (self.current, self.new, self.repeated):
            field.setFont(px_font(20))
            field.setMaximumWidth(260)
        self.current_label, self.new_label, self.repeated_label = QLabel(self), QLabel(self), QLabel(self)
        self.change_button = QPushButton(self)
        self.change_button.setMinimumHeight(40)
        self.change_button.clicked.connect(self._on_change_button_clicked)
        self.repeated.returnPressed.connect(self._on_change_button_clicked)
        # The smallest keys that still fit a finger: the settings page is busy.
        self.keypad = NumericKeypad(self, key_px=TOUCH_TARGET_PX)
        self.keypad.follow_focus(self.current, self.new, self.repeated)
        self.keypad.ok_pressed.connect(self._on_keypad_ok)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()  # takes no room until there is something to say
        # One row of fields under their labels: the settings page must still fit a 1280×800 kiosk screen.
        grid = QGridLayout(self)
        for column, (label, field) in enumerate(
            ((self.current_label, self.current), (self.new_label, self.new), (self.repeated_label, self.repeated))
        ):
            grid.addWidget(label, 0, column)
            grid.addWidget(field, 1, column)
        grid.addWidget(self.change_button, 1, 3)
        grid.addWidget(self.message, 2, 0, 1, 4)
        self.grid = grid
        self._keypad_below: bool | None = None
        self._place_keypad()
        grid.setColumnStretch(5, 1)
        grid.setRowStretch(4, 1)
        self.retranslate()
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Change admin PIN"))
        self.current_label.setText(self.tr("Current PIN"))
        self.new_label.setText(self.tr("New PIN ({digits} to {most} digits)").format(
            digits=ADMIN_PIN_MIN_DIGITS, most=PIN_MAX_DIGITS
        ))
        self.repeated_label.setText(self.tr("Repeat new PIN"))
        self.change_button.setText(self.tr("Change admin PIN"))

    def _place_keypad(self) -> None:
        """Beside the fields it types into; under them on a portrait screen, too narrow for both."""
        window = self.window()
        below = window is not self and window.height() > window.width()
        if below == self._keypad_below:
            return
        self._keypad_below = below
        self.grid.removeWidget(self.keypad)
        if below:
            self.grid.addWidget(self.keypad, 3, 0, 1, 4, Qt.AlignmentFlag.AlignLeft)
        else:
            self.grid.addWidget(self.keypad, 0, 4, 4, 1, Qt.AlignmentFlag.AlignTop)

    def showEvent(self, event: QShowEvent) -> None:
        self._place_keypad()
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_keypad()
        super().resizeEvent(event)

    def _on_change_button_clicked(self) -> None:
        self.change_requested.emit(self.current.text(), self.new.text(), self.repeated.text())

    def _on_keypad_ok(self) -> None:
        """OK moves on to the next PIN field; on the last it asks for the change."""
        order = [self.current, self.new, self.repeated]
        target = self.keypad.target
        if target in order[:-1]:
            following = order[order.index(target) + 1]
            following.setFocus()
            self.keypad.attach(following)
        else:
            self._on_change_button_clicked()

    def _clear(self) -> None:
        for field in (self.current, self.new, self.repeated):
            field.clear()

    def show_verdict(self, verdict: PinChangeVerdict) -> None:
        """Say what the gate decided, in the screen's language."""
        messages = {
            PinChange.CHANGED: self.tr("Admin PIN changed. Use the new PIN from now on."),
            PinChange.WRONG_CURRENT: self.tr("The current PIN is wrong. The admin PIN was not changed."),
            PinChange.LOCKED: self.tr("Too many wrong PINs. Try again in {seconds} s.").format(
                seconds=verdict.locked_for_s
            ),
            PinChange.TOO_SHORT: self.tr("The new PIN needs {digits} to {most} digits.").format(
                digits=ADMIN_PIN_MIN_DIGITS, most=PIN_MAX_DIGITS
            ),
            PinChange.MISMATCH: self.tr("The two new PINs differ. Type the same PIN twice."),
        }
        self._clear()
        self.keypad.attach(self.new if verdict.answer in (PinChange.TOO_SHORT, PinChange.MISMATCH) else self.current)
        set_status_colour(self.message, ok=verdict.answer is PinChange.CHANGED)
        self.message.setText(messages[verdict.answer])
        self.message.show()
        (self.new if verdict.answer in (PinChange.TOO_SHORT, PinChange.MISMATCH) else self.current).setFocus()

    def show_failure(self, *, key_file: bool = False) -> None:
        """The PIN could not be checked or stored: say so in the screen's language, change nothing.

        ``key_file``: the PIN key file is missing or damaged (retrying will not help; say who can fix it).
        Otherwise the database failed; the caller logged the details, which admins read under Recent problems.
        """
        self._clear()
        set_status_colour(self.message, ok=False)
        if key_file:
            text = self.tr(
                "The admin PIN was not changed: the PIN key file of this kiosk is missing or damaged. "
                "Restore it from a backup, or run “kiosk reset-admin-pin” on this computer."
            )
        else:
            text = self.tr(
                "The admin PIN was not changed: it could not be checked or saved right now. Try again in a moment; "
                "the details are under Administration → Recent problems."
            )
        self.message.setText(text)
        self.message.show()


def _ok_cancel_buttons(dialog: QDialog, on_ok: Callable[[], None]) -> QDialogButtonBox:
    """Large OK/Cancel buttons: OK calls ``on_ok`` (which decides), Cancel rejects."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    for button in buttons.buttons():
        button.setFont(px_font(24))
        mark_touch_target(button)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


class PinDialog(QDialog):
    """Asks for the admin PIN.

    The caller checks the PIN (``accepted`` → read :attr:`pin`) and calls
    :meth:`refuse` to show "wrong PIN" and keep the dialog open.

    Signals:
        pin_entered(str): the user pressed OK with this PIN.
    """

    pin_entered = Signal(str)

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Admin PIN"))
        self.setMinimumWidth(480)
        self.message = QLabel(message, self)
        self.message.setFont(px_font(26))
        self.message.setWordWrap(True)
        self.field = pin_field(self)
        self.keypad = NumericKeypad(self)
        self.keypad.attach(self.field)
        self.keypad.ok_pressed.connect(self._on_ok_clicked)
        self.error = _error_label(self)
        self.buttons = _ok_cancel_buttons(self, self._on_ok_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.field)
        layout.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _on_ok_clicked(self) -> None:
        self.pin_entered.emit(self.field.text())

    def answer(self, gate: AdminGate, pin: str, on_opened: Callable[[], None]) -> None:
        """Check ``pin`` at ``gate`` and show the answer: close and call ``on_opened``, or say why not.

        :class:`~kiosk.errors.DatabaseBusy` is left to the caller, whose
        window decides how to wait for the database; any other failure to
        check is logged and said here, never shown as exception text.
        """
        try:
            verdict = gate.check(pin)
        except PinKeyError as exc:
            log.error("admin PIN check failed: %s", exc)
            self.refuse_without_key()
            return
        except DatabaseBusy:
            raise
        except KioskError as exc:
            log.error("admin PIN check failed: %s", exc)
            self.refuse_unavailable()
            return
        if verdict.answer is GateAnswer.OPENED:
            self.accept()
            on_opened()
        elif verdict.answer is GateAnswer.LOCKED:
            self.refuse_locked(verdict.locked_for_s)
        else:
            self.refuse()

    def refuse(self) -> None:
        self.field.clear()
        self.error.setText(self.tr("Wrong PIN."))
        self.field.setFocus()

    def refuse_locked(self, seconds: int) -> None:
        """Too many wrong PINs: say how long until the next try is accepted."""
        self.field.clear()
        self.error.setText(self.tr("Too many wrong PINs. Try again in {seconds} s.").format(seconds=seconds))

    def refuse_unavailable(self) -> None:
        """The PIN could not be checked (the database is busy or broken): keep the PIN, ask to retry."""
        self.error.setText(self.tr("The PIN cannot be checked right now. Try again in a moment."))

    def refuse_without_key(self) -> None:
        """The PIN key file beside the database is missing or damaged: no retry will help, say who can fix it."""
        self.field.clear()
        self.error.setText(
            self.tr(
                "The PIN key file of this kiosk is missing or damaged, so no PIN can be checked. "
                "Restore it from a backup, or run “kiosk reset-admin-pin” on this computer."
            )
        )


class EmployeePinDialog(QDialog):
    """The fallback when the face is not recognised: pick your name (or type your code), then your personal PIN.

    Codes may contain letters, which the numeric keypad cannot type, so the
    person picks their name from a list of active staff (``roster``, from
    :func:`kiosk.attendance.pin_checkin.pin_roster`), narrowed by department; the pick
    fills in the code. A physical keyboard can still type the code.

    Signals:
        credentials_entered(str, str): code and PIN, when OK is pressed.
    """

    credentials_entered = Signal(str, str)

    def __init__(self, parent: QWidget | None = None, roster: list[RosterEntry] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check in with PIN"))
        # No fixed minimum width: an explicit one would override the layout's, and clip the keypad.
        self.roster = list(roster or [])
        self.explain = QLabel(self)
        self.explain.setFont(px_font(26))
        self.explain.setWordWrap(True)
        self.department_label = QLabel(self.tr("Department"), self)
        self.department = QComboBox(self)
        self.department.setFont(px_font(24))
        mark_touch_target(self.department)
        self.department.addItem(self.tr("All departments"), None)
        for name in roster_departments(self.roster):
            self.department.addItem(name or self.tr("No department"), name)
        self.department.currentIndexChanged.connect(self._on_department_changed)
        self.people = QListWidget(self)
        self.people.setFont(px_font(26))
        self.people.setMinimumWidth(340)
        self.people.setUniformItemSizes(True)
        self.people.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.people.setSpacing(2)
        self.people.setMinimumHeight(3 * (ROW_PX + 4))  # three names at a glance; the list scrolls for more
        QScroller.grabGesture(self.people.viewport(), QScroller.ScrollerGestureType.TouchGesture)  # flick to scroll
        # Only a tap (or Enter on a row) picks someone: the list taking the focus must not fill in a code.
        self.people.itemClicked.connect(self._on_person_clicked)
        self.people.itemActivated.connect(self._on_person_clicked)
        self.code = QLineEdit(self)
        mark_touch_target(self.code)
        self.code.setFont(px_font(FIELD_PX))
        self.code.textEdited.connect(lambda _text: self.people.clearSelection())  # a typed code is nobody's row
        self.pin = pin_field(self)
        self.keypad = NumericKeypad(self)
        self.keypad.attach(self.pin)
        self.keypad.follow_focus(self.code, self.pin)
        self.keypad.ok_pressed.connect(self._on_ok_clicked)
        self.code_label, self.pin_label = QLabel(self.tr("Employee code"), self), QLabel(self.tr("PIN"), self)
        for label in (self.code_label, self.pin_label, self.department_label):
            label.setFont(px_font(24))
        left = QVBoxLayout()
        left.addWidget(self.department_label)
        left.addWidget(self.department)
        left.addWidget(self.people, 1)
        left.addWidget(self.code_label)
        left.addWidget(self.code)
        right = QVBoxLayout()
        right.addWidget(self.pin_label)
        right.addWidget(self.pin)
        right.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(24)
        columns.addLayout(right, 0)
        self.error = _error_label(self)
        self.buttons = _ok_cancel_buttons(self, self._on_ok_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        has_roster = bool(self.roster)
        for widget in (self.department_label, self.department, self.people):
            widget.setVisible(has_roster)
        self.explain.setText(
            self.tr("Tap your name, then enter your personal PIN.") if has_roster
            else self.tr("Enter your employee code and personal PIN.")
        )
        self._fill_people()

    def _shown_entries(self) -> list[RosterEntry]:
        department = self.department.currentData()
        return [entry for entry in self.roster if department is None or entry.department == department]

    def _fill_people(self) -> None:
        self.people.blockSignals(True)
        self.people.clear()
        for entry in self._shown_entries():
            # QListWidgetItem draws plain text: a name is never markup.
            item = QListWidgetItem(f"{entry.name}  ·  {entry.code}")
            item.setData(Qt.ItemDataRole.UserRole, entry.code)
            item.setSizeHint(QSize(0, ROW_PX))  # a finger-sized row (a style sheet here would fight the scaling)
            self.people.addItem(item)
        self.people.blockSignals(False)

    def _on_department_changed(self, _index: int) -> None:
        self._fill_people()
        self.code.clear()

    def _on_person_clicked(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.code.setText(str(item.data(Qt.ItemDataRole.UserRole)))
        self.error.clear()
        self.pin.setFocus()
        self.keypad.attach(self.pin)

    def pick(self, code: str) -> None:
        """Select the person with ``code`` in the list, as a tap on their row does."""
        for row in range(self.people.count()):
            item = self.people.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                self.people.setCurrentItem(item)
                self._on_person_clicked(item)
                return
        raise LookupError(f"{code!r} is not listed")

    def _on_ok_clicked(self) -> None:
        self.credentials_entered.emit(self.code.text().strip(), self.pin.text())

    def refuse(self) -> None:
        self.pin.clear()
        self.error.setText(self.tr("Unknown code or wrong PIN."))

    def refuse_locked(self, seconds: int) -> None:
        """Too many wrong PINs: say how long until the next try is accepted."""
        self.pin.clear()
        self.error.setText(self.tr("Too many wrong PINs. Try again in {seconds} s.").format(seconds=seconds))
