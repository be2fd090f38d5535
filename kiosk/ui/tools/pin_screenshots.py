"""Render the touch PIN screens (keypad, pick-your-name list) in English and Chinese to ``docs/pin-*.png``.

Shots: the first-run admin PIN set-up, the admin PIN dialog over the kiosk,
the change-PIN box on the Settings page, and the employee fallback with a department chosen and a name picked. A
dialog is painted centred over its window, where the window manager puts it::

    QT_QPA_PLATFORM=offscreen uv run python -m kiosk.ui.tools.pin_screenshots docs --size 1024x600
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import kiosk
from kiosk.ui.admin_home import AdminPage
from kiosk.ui.tools.screenshot import window_size

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

CHINA = timezone(timedelta(hours=8))
STAFF = (
    ("0012", "张伟", "生产部"),
    ("QC-07", "王芳", "质检部"),
    ("0044", "李娜", "生产部"),
    ("F-031", "Alice Chen", "财务部"),
    ("0050", "Tom Baker", "仓库"),
    ("0061", "陈静", "生产部"),
)


def _shot(window: QWidget, dialog: QDialog | None, path: Path) -> None:
    """``window`` as on screen, with ``dialog`` (if any) centred over it."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter

    picture = window.grab()
    if dialog is not None:
        dialog.adjustSize()
        shown = dialog.grab()
        painter = QPainter(picture)
        painter.fillRect(picture.rect(), QColor(0, 0, 0, 90))  # the window behind a modal dialog
        corner = QPoint(
            max(0, (picture.width() - shown.width()) // 2), max(0, (picture.height() - shown.height()) // 2)
        )
        painter.drawPixmap(corner, shown)
        painter.end()
    picture.save(str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="folder for the PNGs")
    parser.add_argument("--size", type=window_size, default="1280x800", help="window size in pixels, WxH")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication, QScrollArea

    from kiosk.settings.specs import Settings
    from kiosk.storage.repository import Repository
    from kiosk.ui.admin.settings_page import SettingsPage
    from kiosk.ui.app import create_app
    from kiosk.ui.i18n import install_translator

    app = QApplication.instance() or QApplication([])
    now = datetime(2024, 5, 6, 8, 57, tzinfo=CHINA)
    kiosk.RELEASE_DATE = now.date()  # a demo day before the release: no "clock looks wrong" line in the pictures
    width, height = args.size
    args.output.mkdir(parents=True, exist_ok=True)
    tag = f"{width}x{height}"
    for language, suffix in (("en", "en"), ("zh_CN", "zh")):
        install_translator(app, language)
        with tempfile.TemporaryDirectory() as folder:  # a fresh kiosk: no admin PIN yet, so set-up comes first
            db_path = Path(folder) / "kiosk.db"
            repo = Repository(db_path, clock=lambda: now)
            for code, name, department in STAFF:
                repo.employees.add(code, name, department)
            window = create_app(Settings(language=language), repo, db_path, Path(folder) / "no-camera.mp4",
                                lambda: now, language, False)
            window.resize(width, height)
            app.processEvents()
            page = window.setup_page
            page.first.setText("135")
            app.processEvents()
            _shot(window, None, args.output / f"pin-setup-{suffix}-{tag}.png")
            page.first.setText("135791")
            page.second.setText("135791")
            page.save_button.click()  # sets the PIN and opens the kiosk
            app.processEvents()

            window.kiosk.admin_button.click()
            dialog = window.pin_dialog
            assert dialog is not None
            dialog.field.setText("1357")
            app.processEvents()
            _shot(window, dialog, args.output / f"pin-admin-{suffix}-{tag}.png")
            dialog.field.setText("135791")
            dialog.keypad.ok_key.click()  # opens administration
            window.show_admin_page(AdminPage.SETTINGS)
            settings_page = window.admin_pages[AdminPage.SETTINGS]
            assert isinstance(settings_page, SettingsPage)
            change = settings_page.change_pin
            change.current.setText("135791")
            change.new.setFocus()
            change.keypad.attach(change.new)
            app.processEvents()
            scroll = settings_page.findChild(QScrollArea)
            if scroll is not None:
                scroll.ensureWidgetVisible(change)
            app.processEvents()
            _shot(window, None, args.output / f"pin-change-{suffix}-{tag}.png")
            window.show_kiosk()

            window.kiosk.pin_fallback_requested.emit()
            fallback = window.employee_pin_dialog
            assert fallback is not None
            fallback.department.setCurrentIndex(fallback.department.findData("生产部"))
            fallback.pick("0044")
            fallback.pin.setText("42")
            app.processEvents()
            _shot(window, fallback, args.output / f"pin-fallback-{suffix}-{tag}.png")
            fallback.reject()
            window.shutdown()
            window.close()
            repo.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
