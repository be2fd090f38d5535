"""The kiosk's colours and the one way screens follow a language switch.

Colours are chosen for white text on coloured fills and for coloured text on
white, both at about 5:1 contrast or better (WCAG AA for normal text).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from kiosk.ui.prompts import Tone

GREEN = "#1b873f"
"""Success: checked in, saved, captured."""
RED = "#c62828"
"""Failure and destructive actions: not recognised, errors, delete."""
AMBER = "#b26a00"
"""Waiting: look at the camera, please blink, turn your head."""

MUTED = "#555555"
"""Secondary text: step counters, help lines (7.5:1 on white)."""
PLACEHOLDER = "#757575"
"""Text of an empty slot, such as an angle not captured yet (4.6:1 on white)."""
BORDER = "#bdbdbd"
"""Outlines of empty slots and of drawn panels."""
SURFACE = "#f5f5f5"
"""Background of a boxed passage of text on a white page."""
ACCENT = "#1565c0"
"""Neutral emphasis in drawings: report bars, the pose indicator's head."""

TOUCH_TARGET_PX = 48
"""The smallest side (px) of anything an employee touches: about 9 mm at 96 dpi,
the size fingertips hit reliably (Android and Apple guidance is 48 dp / 44 pt)."""

TOUCH_PROPERTY = "kioskTouchTarget"


def mark_touch_target(widget: QWidget) -> QWidget:
    """Mark ``widget`` as touched by employees (screen scaling keeps it at least :data:`TOUCH_TARGET_PX`)."""
    widget.setProperty(TOUCH_PROPERTY, True)
    return widget


EMPTY_SLOT_STYLE = f"QLabel {{ border: 2px dashed {BORDER}; border-radius: 6px; color: {PLACEHOLDER}; }}"
"""A picture slot with nothing in it yet (an angle not captured): visible on any background."""

TONE_COLOURS: dict[Tone, str] = {Tone.SUCCESS: GREEN, Tone.FAILURE: RED, Tone.WAITING: AMBER}


def set_text_colour(widget: QWidget, colour: str) -> None:
    """Draw ``widget``'s text in ``colour`` (one of the constants above)."""
    widget.setStyleSheet(f"color: {colour};")


def set_status_colour(widget: QWidget, ok: bool) -> None:
    """Green text for a done action, red for one that failed."""
    set_text_colour(widget, GREEN if ok else RED)


def destructive_button_style() -> str:
    """A style sheet for buttons that delete: red text while enabled."""
    return f"QPushButton:enabled {{ color: {RED}; }}"


class _LanguageChangeFilter(QObject):
    def __init__(self, widget: QWidget, retranslate: Callable[[], None]) -> None:
        super().__init__(widget)  # lives and dies with the widget
        self._retranslate = retranslate

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        return False


def follow_language(widget: QWidget, retranslate: Callable[[], None]) -> None:
    """Call ``retranslate`` whenever ``widget`` is told the screen language changed.

    Qt sends ``LanguageChange`` to every widget after a translator switch
    (:func:`kiosk.ui.i18n.install_translator`); this replaces a hand-written
    ``changeEvent`` override in every screen.
    """
    widget.installEventFilter(_LanguageChangeFilter(widget, retranslate))
