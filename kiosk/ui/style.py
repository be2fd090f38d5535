"""The kiosk's colours, its one screen-size scale, and the one way screens follow a language switch.

Colours are chosen for white text on coloured fills and for coloured text on
white, both at about 5:1 contrast or better (WCAG AA for normal text).

Sizes: every screen is drawn in *design pixels* for a 1280×800 window
(:data:`REFERENCE_LONG_SIDE` × :data:`REFERENCE_SHORT_SIDE`). The main window
turns its own size into one factor (:func:`scale_for`) and :func:`apply_scale`
multiplies every font, minimum/maximum size, layout margin and spacing and
style-sheet pixel length by it; :class:`ScreenScaler` does the same for
widgets made, re-styled or re-fonted later (dialogs, thumbnails, prompt
colours). Widgets keep writing design pixels and never scale themselves.
Controls an employee touches are marked with :func:`mark_touch_target` and
never go below :func:`touch_target_px`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMargins, QObject, QSize, Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QGridLayout, QLayout, QWidget

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


# ---- one scale for any screen ------------------------------------------------
REFERENCE_LONG_SIDE = 1280
REFERENCE_SHORT_SIDE = 800
"""The window size (px) the screens are drawn for: scale 1.0. Portrait
windows compare their long side with 1280 and their short side with 800, so
an 800×1280 tablet is scale 1.0 too."""

MIN_SCALE = 0.5
MAX_SCALE = 3.0
"""Bounds of :func:`scale_for`: below 0.5 (a 640×400 window) the kiosk's
smallest text would be under 9 px; above 3.0 (a 4K panel) nothing needs
bigger."""

TOUCH_TARGET_PX = 48
"""The smallest side (px) of anything an employee touches at scale 1.0: about
9 mm at 96 dpi, the size fingertips hit reliably (Android and Apple guidance
is 48 dp / 44 pt). Larger screens scale it up; smaller ones never scale it
down (:func:`touch_target_px`), since a small panel has denser pixels, not
smaller fingers."""

MIN_TEXT_PX = 12
"""No text is scaled below 12 px (admin help lines are 14 px at 1280×800,
which would be 10 px on a 1024×600 panel: too small to read at arm's length)."""

SCALE_PROPERTY = "kioskScale"
"""Dynamic property on a window holding the scale :func:`apply_scale` gave it."""
TOUCH_PROPERTY = "kioskTouchTarget"
_FONT_BASE, _FONT_DONE = "kioskFontBase", "kioskFontDone"
_MIN_BASE, _MIN_DONE = "kioskMinBase", "kioskMinDone"
_MAX_BASE, _MAX_DONE = "kioskMaxBase", "kioskMaxDone"
_STYLE_BASE, _STYLE_DONE = "kioskStyleBase", "kioskStyleDone"
_LAYOUT_BASE, _LAYOUT_DONE = "kioskLayoutBase", "kioskLayoutDone"
_NO_LIMIT = 16_777_215  # QWIDGETSIZE_MAX: "no maximum", never scaled
_PX = re.compile(r"(?<![\d.])(?<!font-size: )(\d+(?:\.\d+)?)px")
_FONT_SIZE_PX = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


def scale_for(width: int, height: int) -> float:
    """The factor for a ``width`` × ``height`` px window: 1.0 at 1280×800 or 800×1280.

    The smaller of the two side ratios, so a layout that fits 1280×800 in
    design pixels fits any window of either orientation's aspect or wider;
    0.75 at 1024×600, 1.35 at 1920×1080. Clamped to
    [:data:`MIN_SCALE`, :data:`MAX_SCALE`].
    """
    long_side, short_side = max(width, height), min(width, height)
    factor = min(long_side / REFERENCE_LONG_SIDE, short_side / REFERENCE_SHORT_SIDE)
    return max(MIN_SCALE, min(MAX_SCALE, factor))


def touch_target_px(scale: float) -> int:
    """The smallest side (px) of a touch control at ``scale``: :data:`TOUCH_TARGET_PX`, grown on larger screens."""
    return max(TOUCH_TARGET_PX, round(TOUCH_TARGET_PX * scale))


def scale_of(widget: QWidget) -> float:
    """The scale ``widget`` is drawn at: its window's, or the window that owns that window's (a dialog); else 1.0."""
    scale = _scale_of_or_none(widget)
    return 1.0 if scale is None else scale


def _scale_of_or_none(widget: QWidget) -> float | None:
    """The scale of ``widget``'s window, or of the window that owns that window (a dialog); ``None`` if none has one."""
    window: QWidget | None = widget.window()
    while window is not None:
        value = window.property(SCALE_PROPERTY)
        if isinstance(value, float):
            return value
        parent = window.parentWidget()
        window = parent.window() if parent is not None else None
    return None


def scaled_px(widget: QWidget, design_px: float) -> int:
    """``design_px`` at ``widget``'s scale: for sizes a widget paints itself (names over face boxes)."""
    return max(1, round(design_px * scale_of(widget)))


def mark_touch_target(widget: QWidget) -> QWidget:
    """Mark ``widget`` as touched by employees: it never gets smaller than :func:`touch_target_px`
    in either direction, and a check box's indicator is that size too."""
    widget.setProperty(TOUCH_PROPERTY, True)
    if widget.property(_MIN_DONE) is not None:  # already scaled: apply the floor now
        _scale_widget(widget, scale_of(widget))
    return widget


def is_touch_target(widget: QWidget) -> bool:
    return bool(widget.property(TOUCH_PROPERTY))


def apply_scale(window: QWidget, scale: float) -> None:
    """Draw ``window`` and everything in it (its dialogs included) at ``scale``.

    Idempotent, and safe to call again with another factor: each widget keeps
    its design values (recorded the first time, or again whenever the code
    set a new font, size or style sheet since) and is set to design × scale.
    """
    window.setProperty(SCALE_PROPERTY, float(scale))
    _scale_tree(window, scale)


def _scale_tree(widget: QWidget, scale: float) -> None:
    _scale_widget(widget, scale)
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if not isinstance(child, QDialog):
            _scale_tree(child, scale)  # widgets, and popups such as a combo box's list
        elif child.isVisible():  # an open dialog follows the window it belongs to
            fit_window(child, widget.window().size())


DIALOG_SHARE = 0.9
"""The share of its owner window's width and height a dialog may take: the
rest leaves room for a title bar and shows the kiosk behind it."""


def fit_window(dialog: QDialog, bounds: QSize) -> None:
    """Draw ``dialog`` at its owner's scale, or smaller until it fits :data:`DIALOG_SHARE` of ``bounds``.

    A dialog's content (a keypad, a list of names) does not shrink with the
    screen's short side as a page does, so on a small or portrait panel it
    gets its own smaller factor; touch targets keep their floor.
    """
    owner = dialog.parentWidget()
    scale = scale_of(owner) if owner is not None else 1.0
    room = QSize(int(bounds.width() * DIALOG_SHARE), int(bounds.height() * DIALOG_SHARE))
    for _ in range(4):  # touch-target floors make the size not quite proportional: converge
        apply_scale(dialog, scale)
        layout = dialog.layout()
        if layout is not None:
            layout.activate()
        need = dialog.minimumSizeHint()
        if (need.width() <= room.width() and need.height() <= room.height()) or scale <= MIN_SCALE:
            break
        scale = max(MIN_SCALE, scale * min(room.width() / need.width(), room.height() / need.height()))
    dialog.resize(dialog.sizeHint().boundedTo(room).expandedTo(dialog.minimumSizeHint()))


class ScreenScaler(QObject):
    """Scales widgets that appear, or get a new font or style sheet, after :func:`apply_scale` ran.

    Install once on the application (:func:`install_screen_scaler`). It acts
    only inside windows that have a scale, so dialogs of other tools are left alone.
    """

    _EVENTS = (QEvent.Type.Polish, QEvent.Type.FontChange, QEvent.Type.StyleChange)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is QEvent.Type.Show and isinstance(watched, QDialog):
            owner = watched.parentWidget()
            if owner is not None and _scale_of_or_none(owner) is not None:
                fit_window(watched, owner.window().size())
        elif event.type() in self._EVENTS and isinstance(watched, QWidget):
            scale = _scale_of_or_none(watched)
            if scale is not None:
                _scale_widget(watched, scale)
        return False


_SCREEN_SCALER: ScreenScaler | None = None


def install_screen_scaler(app: QObject) -> None:
    """Install :class:`ScreenScaler` on ``app`` once."""
    global _SCREEN_SCALER
    if _SCREEN_SCALER is None:
        _SCREEN_SCALER = ScreenScaler()
        app.installEventFilter(_SCREEN_SCALER)


def _design(holder: QObject, current: object, base_key: str, done_key: str) -> object:
    """The design value behind ``current``: the recorded one, unless the code set a new value since."""
    base, done = holder.property(base_key), holder.property(done_key)
    if base is None or done is None or current != done:
        holder.setProperty(base_key, current)
        return current
    return base


_BUSY: set[int] = set()
"""Widgets being scaled now: setting a font or style sheet sends events that
come back here, and must not start over (a style sheet's own font size would
otherwise fight the scaled one forever)."""


def _scale_widget(widget: QWidget, scale: float) -> None:
    key = id(widget)
    if key in _BUSY:
        return
    _BUSY.add(key)
    try:
        _scale_font(widget, scale)
        if not widget.isWindow():  # a window's minimum size is its layout's, already scaled
            _scale_limits(widget, scale)
        _scale_style_sheet(widget, scale)
        layout = widget.layout()
        if layout is not None:
            _scale_layout(layout, scale)
    finally:
        _BUSY.discard(key)


def _font_px(widget: QWidget) -> int:
    font = widget.font()
    if font.pixelSize() > 0:
        return font.pixelSize()
    return round(font.pointSizeF() * 96 / 72)  # a point size (the platform's default font): 96 dpi design pixels


def _inherited_design_px(widget: QWidget) -> int:
    """The design font size ``widget`` inherits: that of the nearest ancestor that was scaled."""
    ancestor = widget.parentWidget()
    while ancestor is not None:
        base = ancestor.property(_FONT_BASE)
        if isinstance(base, int):
            return base
        ancestor = ancestor.parentWidget()
    return _font_px(widget)


def _styled(widget: QWidget) -> bool:
    """``widget`` or one of its ancestors in the same window has a style sheet."""
    current: QWidget | None = widget
    while current is not None:
        if current.styleSheet():
            return True
        if current.isWindow():
            return False
        current = current.parentWidget()
    return False


def _scale_font(widget: QWidget, scale: float) -> None:
    sheet = widget.styleSheet()
    if "font-size" in sheet or "font:" in sheet:
        return  # the style sheet sizes the text; its px are scaled with the sheet
    font = widget.font()
    if widget.testAttribute(Qt.WidgetAttribute.WA_SetFont) or widget.isWindow():
        current = _font_px(widget)
    elif _styled(widget):
        # A style sheet (the widget's or an ancestor's) freezes the font the
        # widget inherited when it was first polished (a red "Delete" button
        # kept its 1280×800 size, table headers the platform's): give it its
        # own, from the design size it inherits.
        current = _inherited_design_px(widget)
        widget.setProperty(_FONT_DONE, None)
    else:
        return  # inherits its parent's, already scaled
    base = _design(widget, current, _FONT_BASE, _FONT_DONE)
    assert isinstance(base, int)
    wanted = _text_px(base, scale)
    widget.setProperty(_FONT_DONE, wanted)
    if font.pixelSize() != wanted:
        font.setPixelSize(wanted)
        widget.setFont(font)


def _text_px(design_px: float, scale: float) -> int:
    """A text size at ``scale``, never below :data:`MIN_TEXT_PX` (unless designed smaller)."""
    return max(min(MIN_TEXT_PX, round(design_px)), round(design_px * scale))


def _scale_size(size: QSize, scale: float) -> QSize:
    def one(value: int) -> int:
        return value if value >= _NO_LIMIT else round(value * scale)

    return QSize(one(size.width()), one(size.height()))


def _scale_limits(widget: QWidget, scale: float) -> None:
    minimum = _design(widget, widget.minimumSize(), _MIN_BASE, _MIN_DONE)
    maximum = _design(widget, widget.maximumSize(), _MAX_BASE, _MAX_DONE)
    assert isinstance(minimum, QSize) and isinstance(maximum, QSize)
    new_min, new_max = _scale_size(minimum, scale), _scale_size(maximum, scale)
    if is_touch_target(widget):
        # An explicit minimum overrides the widget's own minimum size hint in
        # layouts, so the floor is raised only where the hint is below it.
        side = touch_target_px(scale)
        hint = widget.minimumSizeHint()
        if new_min.height() < side:
            new_min.setHeight(side)
        if new_min.width() < side and hint.width() < side:
            new_min.setWidth(side)
        new_max = new_max.expandedTo(new_min)
    widget.setProperty(_MIN_DONE, new_min)
    widget.setProperty(_MAX_DONE, new_max)
    if widget.maximumSize() != new_max:
        widget.setMaximumSize(new_max)
    if widget.minimumSize() != new_min:
        widget.setMinimumSize(new_min)


def _scale_style_sheet(widget: QWidget, scale: float) -> None:
    touch_rule = ""
    if isinstance(widget, QCheckBox) and is_touch_target(widget):
        side = touch_target_px(scale)
        touch_rule = f" QCheckBox::indicator {{ width: {side}px; height: {side}px; }}"
    current = widget.styleSheet()
    if not current and not touch_rule:
        return
    base = _design(widget, current, _STYLE_BASE, _STYLE_DONE)
    assert isinstance(base, str)
    wanted = _FONT_SIZE_PX.sub(lambda match: f"font-size: {_text_px(float(match.group(1)), scale)}px", base)
    wanted = _PX.sub(lambda match: f"{max(1, round(float(match.group(1)) * scale))}px", wanted) + touch_rule
    widget.setProperty(_STYLE_DONE, wanted)
    if current != wanted:
        widget.setStyleSheet(wanted)


def _scale_layout(layout: QLayout, scale: float) -> None:
    margins = layout.contentsMargins()
    if isinstance(layout, (QGridLayout, QFormLayout)):
        spacing = (layout.horizontalSpacing(), layout.verticalSpacing())
    else:
        spacing = (layout.spacing(), layout.spacing())
    # Lists, not tuples: a property gives a tuple back as a list.
    current = [margins.left(), margins.top(), margins.right(), margins.bottom(), *spacing]
    base = _design(layout, current, _LAYOUT_BASE, _LAYOUT_DONE)
    assert isinstance(base, list)
    wanted = [value if value < 0 else round(value * scale) for value in base]
    layout.setProperty(_LAYOUT_DONE, wanted)
    if wanted != current:
        left, top, right, bottom, horizontal, vertical = wanted
        layout.setContentsMargins(QMargins(left, top, right, bottom))
        if isinstance(layout, (QGridLayout, QFormLayout)):
            if horizontal >= 0:
                layout.setHorizontalSpacing(horizontal)
            if vertical >= 0:
                layout.setVerticalSpacing(vertical)
        elif horizontal >= 0:
            layout.setSpacing(horizontal)
    for index in range(layout.count()):
        item = layout.itemAt(index)
        child = item.layout() if item is not None else None
        if child is not None:
            _scale_layout(child, scale)
