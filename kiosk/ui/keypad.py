"""A large on-screen numeric keypad for PIN entry at a kiosk without a keyboard.

One widget for every PIN field (admin PIN, first-run set-up, changing the
admin PIN, the employee fallback, a personal PIN on the Staff page). It types
into the line edit it is attached to, through the line edit's own
``insert``/``backspace``, so the field's validator and maximum length apply
exactly as to a physical keyboard, which keeps working alongside.

Layout, like a bank terminal's PIN pad::

    1  2  3  ⌫
    4  5  6  Clear
    7  8  9  OK
       0     OK

The keys never take the focus, so pressing one leaves the cursor (and the
target, with :meth:`NumericKeypad.follow_focus`) where it was.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from kiosk.ui.style import TOUCH_TARGET_PX, follow_language, mark_touch_target
from kiosk.ui.widgets import px_font

KEY_PX = 64
"""Default side of a key in px: the touch minimum (48 px, about 9 mm) plus a
third, so a thumb aimed at one digit does not press its neighbour; four rows
still fit beside a PIN field on a 600 px high screen."""

_KEY_STYLE = "QPushButton { border: 1px solid #9e9e9e; border-radius: 8px; background: #fafafa; }" \
    " QPushButton:pressed { background: #bbdefb; }"


class NumericKeypad(QWidget):
    """Digits 0-9, backspace, clear and OK, typing into :attr:`target`.

    Signals:
        ok_pressed(): the OK key was pressed (the owner does what its own OK does).
    """

    ok_pressed = Signal()

    def __init__(self, parent: QWidget | None = None, *, key_px: int = KEY_PX) -> None:
        """``key_px``: side of a key in px, never below :data:`TOUCH_TARGET_PX`."""
        super().__init__(parent)
        self.key_px = max(TOUCH_TARGET_PX, key_px)
        self.target: QLineEdit | None = None
        self._followed: list[QLineEdit] = []
        self.digit_keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(max(6, self.key_px // 8))
        for index, digit in enumerate("123456789"):
            self.digit_keys[digit] = self._key(digit, self._typer(digit))
            grid.addWidget(self.digit_keys[digit], index // 3, index % 3)
        self.digit_keys["0"] = self._key("0", self._typer("0"))
        grid.addWidget(self.digit_keys["0"], 3, 0, 1, 3)
        self.backspace_key = self._key("⌫", self.backspace)
        self.clear_key = self._key("", self.clear)
        self.ok_key = self._key("", self.ok_pressed.emit)
        self.ok_key.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        for key in (self.backspace_key, self.clear_key, self.ok_key):
            key.setMinimumWidth(self.key_px * 5 // 4)  # room for "Clear" and "确定" at the key font
        grid.addWidget(self.backspace_key, 0, 3)
        grid.addWidget(self.clear_key, 1, 3)
        grid.addWidget(self.ok_key, 2, 3, 2, 1)
        self.retranslate()
        follow_language(self, self.retranslate)

    def _key(self, text: str, action: Callable[[], object]) -> QPushButton:
        key = QPushButton(text, self)
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the cursor
        key.setAutoRepeat(False)
        key.setMinimumSize(self.key_px, self.key_px)
        key.setFont(px_font(max(20, self.key_px // 2), bold=True))
        key.setStyleSheet(_KEY_STYLE)
        key.clicked.connect(action)
        mark_touch_target(key)
        return key

    def _typer(self, digit: str) -> Callable[[], None]:
        return lambda: self.press(digit)

    def retranslate(self) -> None:
        small = px_font(max(16, self.key_px // 3), bold=True)
        self.clear_key.setText(self.tr("Clear"))
        self.clear_key.setFont(small)
        self.ok_key.setText(self.tr("OK"))
        self.backspace_key.setToolTip(self.tr("Delete the last digit"))
        self.backspace_key.setAccessibleName(self.tr("Delete the last digit"))

    # ---- what it types into ------------------------------------------------
    def attach(self, field: QLineEdit) -> None:
        """Type into ``field`` from now on."""
        self.target = field

    def follow_focus(self, *fields: QLineEdit) -> None:
        """Type into whichever of ``fields`` last had the focus (the first until one gets it)."""
        for field in fields:
            if field not in self._followed:
                self._followed.append(field)
                field.installEventFilter(self)
        if self.target is None and fields:
            self.attach(fields[0])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit) and watched in self._followed:
            self.target = watched
        return False

    # ---- keys ----------------------------------------------------------------
    def press(self, digit: str) -> None:
        """Type one digit at the cursor (the field's validator and length limit decide if it is taken)."""
        if self.target is not None and self.target.isEnabled():
            self.target.insert(digit)

    def backspace(self) -> None:
        if self.target is not None and self.target.isEnabled():
            self.target.backspace()

    def clear(self) -> None:
        if self.target is not None and self.target.isEnabled():
            self.target.clear()
