"""The biometrics retention period is on the settings page, from its declaration, in both languages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox

from kiosk.paths import settings_path_for
from kiosk.settings.files import load_settings
from kiosk.settings.specs import SPECS


def test_retention_days_are_shown_saved_and_audited(qtbot, make_window, open_admin, db_path, repo) -> None:
    window = make_window()
    page = open_admin(window, "settings")
    editor = page.editors["template_retention_days"]
    assert isinstance(editor, QSpinBox)
    assert (editor.value(), editor.minimum(), editor.maximum(), editor.suffix()) == (30, 1, 3650, " days")
    assert page.helps["template_retention_days"].text() == SPECS["template_retention_days"].help
    editor.setValue(90)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert load_settings(settings_path_for(db_path), environ={}).template_retention_days == 90
    assert window.settings.template_retention_days == 90
    changes = [e.detail for e in repo.audit.entries() if e.action == "change_setting"]
    assert changes == ["template_retention_days: 30 -> 90"]

    window.set_language("zh_CN")
    assert editor.suffix() == " 天"
    help_zh = "员工停用多少天后永久删除其人脸模板和个人 PIN（考勤记录保留）。"
    assert page.helps["template_retention_days"].text() == help_zh
