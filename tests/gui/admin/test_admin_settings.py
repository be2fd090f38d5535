"""The settings page writes the same file the CLI reads and applies it at once."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from kiosk.settings import FIELD_HELP, load_settings, settings_path_for
from kiosk.ui.admin.settings_page import HELP_SOURCES


def test_saving_writes_the_file_and_updates_the_window(qtbot, make_window, open_admin, db_path) -> None:
    window = make_window()
    page = open_admin(window, "settings")
    assert page.cooldown.value() == 60 and page.strictness.currentData() == "normal"
    assert page.liveness_warning.isHidden()
    page.cooldown.setValue(120)
    page.strictness.setCurrentIndex(page.strictness.findData("strict"))
    page.liveness.setChecked(False)
    assert not page.liveness_warning.isHidden()  # photos could check in: say so
    page.workday_start.setText("08:30")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    stored = json.loads(settings_path_for(db_path).read_text(encoding="utf-8"))
    assert (stored["cooldown_s"], stored["strictness"], stored["liveness_required"], stored["workday_start"]) == (
        120.0, "strict", False, "08:30"
    )
    assert load_settings(settings_path_for(db_path), environ={}) == window.settings
    assert (window.settings.cooldown_s, window.settings.strictness) == (120.0, "strict")


def test_language_switches_live(qtbot, make_window, open_admin) -> None:
    window = make_window()
    page = open_admin(window, "settings")
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert window.language == "zh_CN"
    assert page.windowTitle() == "设置"
    assert page.save_button.text() == "保存并应用"
    assert window.admin_pages["reports"].windowTitle() == "考勤报表"
    assert page.helps["cooldown_s"].text().startswith("同一人")


def test_help_lines_are_the_engines() -> None:
    assert {field: FIELD_HELP[field] for field in HELP_SOURCES} == HELP_SOURCES


def test_admin_catalogue_translates_every_string() -> None:
    import xml.etree.ElementTree as ET

    from kiosk.ui.i18n import I18N_DIR

    messages = list(ET.parse(I18N_DIR / "admin_zh_CN.ts").getroot().iter("message"))
    assert len(messages) > 150
    untranslated = [
        m.findtext("source") for m in messages
        if not (m.findtext("translation") or "").strip() or m.find("translation").get("type") == "unfinished"
    ]
    assert untranslated == []
