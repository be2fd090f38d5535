"""Every screen lays out without clipping on common kiosk panels, with touch targets a finger can hit.

Each test shows the real window at 1024×600, 1280×800, 1920×1080 and an
800×1280 portrait tablet, and walks every visible widget: it must lie inside
its parent (and so inside the window) and be no smaller than its own minimum
size hint (a squeezed widget clips its text). The kiosk's banner, PIN button
and preview must not overlap, and every control an employee touches must be
at least :func:`kiosk.ui.style.touch_target_px` on each side.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QTabWidget,
    QWidget,
)

from kiosk.settings.specs import Settings
from kiosk.ui.admin import EnrollWizard, ReportsPage, ShiftsPage
from kiosk.ui.main_window import MainWindow
from kiosk.ui.style import TOUCH_TARGET_PX, scale_for, touch_target_px

ADMIN_PIN = "246813"  # what the make_window fixture stores by default

SIZES = [(1024, 600), (1280, 800), (1920, 1080), (800, 1280)]
SIZE_IDS = [f"{width}x{height}" for width, height in SIZES]

LONG_PROMPT = "Welcome, Alexandra Konstantinopoulou-Smith — checked in 08:57"
"""A long name in the longest kind of banner: it must wrap, not clip."""


@pytest.fixture
def settings() -> Settings:
    return Settings(pin_fallback=True)


def test_scale_factor_and_touch_floor_per_screen() -> None:
    assert [scale_for(width, height) for width, height in SIZES] == [0.75, 1.0, 1.35, 1.0]
    # Small panels have denser pixels, not smaller fingers: the floor never shrinks.
    assert [touch_target_px(scale_for(width, height)) for width, height in SIZES] == [48, 48, 65, 48]


def _at_size(qtbot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.size() == QSize(width, height))
    _settle()
    assert window.size() == QSize(width, height), "the window's layout forced another size"


def _settle() -> None:
    for _ in range(3):  # layout requests post further layout requests
        QApplication.processEvents()


def _visible_descendants(widget: QWidget) -> list[QWidget]:
    """Visible widgets under ``widget``, not entering other windows nor what scroll areas scroll."""
    found: list[QWidget] = []
    scrolled = widget.viewport() if isinstance(widget, QAbstractScrollArea) else None
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if child.isWindow() or not child.isVisible() or child is scrolled:
            continue
        found.append(child)
        found.extend(_visible_descendants(child))
    return found


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    label = text() if callable(text) else ""
    return f"{type(widget).__name__}({widget.objectName() or label!r:.40})"


def assert_nothing_clipped(root: QWidget) -> None:
    """Every visible widget lies inside its parent and has at least its minimum size hint."""
    problems = []
    for widget in _visible_descendants(root):
        parent = widget.parentWidget()
        assert parent is not None
        if isinstance(widget, QScrollArea) and widget.widget() is not None:
            # A page may scroll down, never sideways: that hides the end of every row.
            needed = widget.widget().minimumSizeHint().width()
            if needed > widget.viewport().width():
                problems.append(f"{_name(widget)} scrolls sideways: {needed} px in {widget.viewport().width()}")
        if not parent.rect().contains(widget.geometry()):
            problems.append(f"{_name(widget)} at {widget.geometry()} outside {_name(parent)} {parent.rect()}")
        if widget.objectName().startswith("qt_") or isinstance(parent, QComboBox) or isinstance(widget, QHeaderView):
            # Inner parts of Qt's own widgets (a spin box's or combo box's editor, a
            # table's header) are laid out by their owner, which is checked.
            continue
        hint = widget.minimumSizeHint()
        policy = widget.sizePolicy()
        if (
            hint.isValid()
            and policy.horizontalPolicy() is not QSizePolicy.Policy.Ignored
            and widget.width() < min(hint.width(), widget.maximumWidth())
        ):
            problems.append(f"{_name(widget)} {widget.width()} px wide, needs {hint.width()}")
        if (
            hint.isValid()
            and policy.verticalPolicy() is not QSizePolicy.Policy.Ignored
            and widget.height() < min(hint.height(), widget.maximumHeight())
        ):
            problems.append(f"{_name(widget)} {widget.height()} px high, needs {hint.height()}")
    assert not problems, "\n".join(problems)


def _global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def assert_touch_target(widget: QWidget, scale: float) -> None:
    side = touch_target_px(scale)
    assert side >= TOUCH_TARGET_PX
    assert widget.width() >= side and widget.height() >= side, (
        f"{_name(widget)} is {widget.width()}×{widget.height()}, a finger needs {side}×{side}"
    )


@pytest.mark.parametrize(("width", "height"), SIZES, ids=SIZE_IDS)
def test_kiosk_screen_fits_with_preview_banner_and_pin_button(qtbot, make_window, width, height) -> None:
    window = make_window()  # no camera: the no-camera panel and, with the fallback on, the PIN button
    _at_size(qtbot, window, width, height)
    kiosk = window.kiosk
    scale = scale_for(width, height)
    assert window.scale == pytest.approx(scale)
    # Text grows with the screen. Design sizes at 1280×800: clock 72 px, banner 40 px (kiosk.ui.widgets).
    assert kiosk.clock.time_label.font().pixelSize() == round(72 * scale)
    assert kiosk.banner.font().pixelSize() == round(40 * scale)
    assert kiosk.portrait == (height > width)
    assert kiosk.pin_button.isVisible() and kiosk.no_camera.isVisible()
    kiosk.banner.setText(LONG_PROMPT)
    _settle()
    assert_nothing_clipped(window)

    kiosk.center.setCurrentWidget(kiosk.video)  # the camera preview instead of the no-camera panel
    _settle()
    assert_nothing_clipped(window)
    preview, banner, button = (_global_rect(w) for w in (kiosk.center, kiosk.banner, kiosk.pin_button))
    assert not preview.intersects(banner) and not preview.intersects(button) and not banner.intersects(button)
    if kiosk.portrait:
        assert preview.bottom() < banner.top() < button.top()
    else:
        assert preview.right() < banner.left() and banner.bottom() < button.top()
    # The preview gets the larger share of the screen in both orientations.
    assert preview.width() * preview.height() > banner.width() * banner.height()
    for control in (kiosk.pin_button, kiosk.admin_button):
        assert_touch_target(control, window.scale)


def test_styled_buttons_scale_like_their_neighbours(qtbot, make_window) -> None:
    """A style sheet (the red Delete button, a table's) must not freeze the font at the first screen's size."""
    window = make_window()
    window.gate.check(ADMIN_PIN)
    window.show_admin_home()
    window.show_admin_page("corrections")
    _settle()
    page = window.admin_pages["corrections"]
    for width, height in ((1280, 800), (1024, 600), (1920, 1080)):
        _at_size(qtbot, window, width, height)
        add, delete = page.add_button, page.delete_button  # type: ignore[attr-defined]
        assert delete.styleSheet()
        assert delete.fontInfo().pixelSize() == add.fontInfo().pixelSize() == round(17 * window.scale)
        header = page.table.horizontalHeader()  # type: ignore[attr-defined]
        assert header.fontInfo().pixelSize() == round(17 * window.scale)  # under the table's style sheet


def _tabs_of(page: QWidget) -> QTabWidget | None:
    """The tabs that hold a page's views (the reports' daily and month views, the shifts' two tabs)."""
    if isinstance(page, ReportsPage):
        return page.views
    if isinstance(page, ShiftsPage):
        return page.tabs
    return None


def _admin_views(window: MainWindow) -> list[tuple[str, QWidget]]:
    views: list[tuple[str, QWidget]] = [("home", window.admin_home)]
    for name, page in window.admin_pages.items():
        tabs = _tabs_of(page)
        if isinstance(page, EnrollWizard):
            views.extend((f"{name}:{step.key}", step) for step in page.steps)
        elif tabs is not None:
            views.extend((f"{name}:{index}", tabs.widget(index)) for index in range(tabs.count()))
        else:
            views.append((name, page))
    return views


def _show_admin_view(window: MainWindow, name: str, view: QWidget) -> None:
    if view is window.admin_home:
        window.show_admin_home()
        return
    page_name, _, step = name.partition(":")
    window.show_admin_page(page_name)
    if step:
        page = window.admin_pages[page_name]
        tabs = _tabs_of(page)
        if tabs is not None:
            tabs.setCurrentWidget(view)
            return
        assert isinstance(page, EnrollWizard)
        # Laid out as shown, without starting a capture (no camera here).
        page.stack.setCurrentWidget(view)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_admin_page_fits(qtbot, make_window, width, height, language) -> None:
    window = make_window(language=language)
    _at_size(qtbot, window, width, height)
    window.gate.check(ADMIN_PIN)
    problems = []
    for name, view in _admin_views(window):
        _show_admin_view(window, name, view)
        _settle()
        try:
            assert_nothing_clipped(window)
        except AssertionError as exc:
            problems.append(f"[{name}] {exc}")
    assert not problems, "\n".join(problems)
    # The employee ticks the consent box themselves.
    _check_consent_box(qtbot, window)


def _check_consent_box(qtbot, window: MainWindow) -> None:
    window.show_admin_page("enroll")
    wizard = window.admin_pages["enroll"]
    assert isinstance(wizard, EnrollWizard)
    wizard.stack.setCurrentWidget(wizard.consent_step)
    _settle()
    box = wizard.consent_step.box
    assert isinstance(box, QCheckBox)
    assert_touch_target(box, window.scale)
    side = touch_target_px(window.scale)
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    assert indicator.width() >= side and indicator.height() >= side  # the box itself, not only its row
    # The hit area really is the whole row: a click at its far bottom-left corner ticks it.
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(2, box.height() - 3))
    assert box.isChecked()


@pytest.mark.parametrize(("width", "height"), SIZES, ids=SIZE_IDS)
def test_pin_dialogs_fit_and_are_touchable(qtbot, make_window, width, height) -> None:
    window = make_window()
    _at_size(qtbot, window, width, height)
    window.kiosk.pin_fallback_requested.emit()
    dialog = window.employee_pin_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    _settle()
    assert dialog.width() <= width and dialog.height() <= height
    assert_nothing_clipped(dialog)
    for control in (dialog.code, dialog.pin, *dialog.buttons.buttons()):
        assert_touch_target(control, window.scale)
    dialog.reject()

    admin = window.ask_admin_pin("Enter the admin PIN", lambda: None)
    qtbot.waitExposed(admin)
    _settle()
    assert admin.width() <= width and admin.height() <= height
    assert_nothing_clipped(admin)
    for control in (admin.field, *admin.buttons.buttons()):
        assert_touch_target(control, window.scale)
    admin.reject()


@pytest.mark.parametrize(("width", "height"), SIZES, ids=SIZE_IDS)
def test_first_run_pin_page_fits(qtbot, make_window, width, height) -> None:
    window = make_window(admin_pin=None)
    _at_size(qtbot, window, width, height)
    assert window.stack.currentWidget() is window.setup_page
    assert_nothing_clipped(window)
    for control in (window.setup_page.first, window.setup_page.second, window.setup_page.save_button):
        assert_touch_target(control, window.scale)


def test_fullscreen_fills_the_screen_without_a_window_manager(qtbot, make_window) -> None:
    """The offscreen platform, like a bare X display, has no window manager to honour showFullScreen."""
    window = make_window()
    window.show_fullscreen()
    screen = window.screen().geometry()
    qtbot.waitUntil(lambda: window.geometry() == screen)
    _settle()
    assert window.geometry() == screen
    assert window.scale == pytest.approx(scale_for(screen.width(), screen.height()))
    assert_nothing_clipped(window)
    # Someone (or a window manager that comes late) shrinks it: a screen change puts it back.
    window.setGeometry(QRect(0, 0, 400, 300))
    window._on_screen_geometry_changed(screen)
    assert window.geometry() == screen
