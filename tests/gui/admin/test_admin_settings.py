"""The settings page is built from the settings declaration, writes the file the CLI reads, audits and applies it."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QMessageBox, QSpinBox

from kiosk.paths import settings_path_for
from kiosk.security.admin_gate import PIN_ATTEMPTS_BEFORE_LOCK, GateAnswer
from kiosk.settings.files import load_settings
from kiosk.settings.specs import FIELD_HELP, SPECS
from kiosk.ui.admin.settings_page import PAGE_FIELDS
from kiosk.ui.i18n import I18N_DIR

CATALOGUE = I18N_DIR / "admin_zh_CN.ts"
ADMIN_PIN = "246813"  # what the make_window fixture stores by default
ROOT = Path(__file__).resolve().parents[3]


def test_saving_writes_the_file_audits_each_change_and_updates_the_window(
    qtbot, make_window, open_admin, db_path, repo
) -> None:
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
    assert "store_photos" not in stored
    assert load_settings(settings_path_for(db_path), environ={}) == window.settings
    assert (window.settings.cooldown_s, window.settings.strictness) == (120.0, "strict")
    changes = [(e.actor, e.detail) for e in reversed(repo.audit.entries()) if e.action == "change_setting"]
    assert changes == [
        ("admin", "strictness: 'normal' -> 'strict'"),
        ("admin", "cooldown_s: 60.0 -> 120.0"),
        ("admin", "liveness_required: True -> False"),
        ("admin", "workday_start: '' -> '08:30'"),
    ]


def test_saving_again_without_changes_adds_no_audit_entry(qtbot, make_window, open_admin, repo) -> None:
    window = make_window()
    page = open_admin(window, "settings")
    page.liveness.setChecked(False)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    details = [e.detail for e in repo.audit.entries() if e.action == "change_setting"]
    assert details == ["liveness_required: True -> False"]
    assert page.status.text().startswith("Saved to ")


def test_the_form_is_built_from_the_settings_declaration(make_window, open_admin) -> None:
    page = open_admin(make_window(), "settings")
    assert set(page.editors) == set(PAGE_FIELDS) and set(PAGE_FIELDS) <= set(SPECS)
    for name in PAGE_FIELDS:
        spec, editor = SPECS[name], page.editors[name]
        assert page.helps[name].text() == FIELD_HELP[name]
        if spec.kind is bool:
            assert isinstance(editor, QCheckBox) and editor.text()
        elif spec.choices:
            assert isinstance(editor, QComboBox)
            assert tuple(editor.itemData(i) for i in range(editor.count())) == spec.choices
        elif spec.kind in (int, float):
            assert isinstance(editor, QSpinBox if spec.kind is int else QDoubleSpinBox)
            assert (editor.minimum(), editor.maximum(), editor.singleStep()) == (spec.minimum, spec.maximum, spec.step)
        else:
            assert isinstance(editor, QLineEdit)
    assert page.cooldown.suffix() == " s" and page.cooldown.decimals() == 0
    validator = page.workday_start.validator()
    assert validator.validate("08:30", 0)[0] == QValidator.State.Acceptable
    assert validator.validate("", 0)[0] == QValidator.State.Acceptable  # no workday start: no late flags
    assert validator.validate("25:00", 0)[0] != QValidator.State.Acceptable
    page.camera.setText("")
    assert page.edited().camera == SPECS["camera"].default  # an emptied box means the first camera


def test_language_switches_live(qtbot, make_window, open_admin) -> None:
    window = make_window()
    page = open_admin(window, "settings")
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert window.language == "zh_CN"
    assert page.windowTitle() == "设置"
    assert page.save_button.text() == "保存并应用"
    assert page.cooldown.suffix() == " 秒"
    assert window.admin_pages["reports"].windowTitle() == "考勤报表"
    assert page.helps["cooldown_s"].text().startswith("同一人")
    assert all(page.helps[name].text() != FIELD_HELP[name] for name in PAGE_FIELDS)


@pytest.mark.expected_log("kiosk.ui", "cannot start: detect_width must be")
def test_a_bad_settings_file_stops_start_up_with_one_line(db_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.ui.app import run_gui

    settings_path_for(db_path).write_text('{"detect_width": 1e400}', encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    code = run_gui(argparse.Namespace(db=str(db_path), camera=None, language=None, fullscreen=False))
    assert code == 2
    assert shown == [
        "detect_width must be a whole number between 160 and 4096 px, not inf "
        f"(in settings file {settings_path_for(db_path)}; fix or delete it)"
    ]


def _sources(ts: Path, context: str) -> set[str]:
    root = ET.parse(ts).getroot()
    return {
        message.findtext("source")
        for ctx in root.iter("context") if ctx.findtext("name") == context
        for message in ctx.iter("message")
    }


def test_the_catalogue_holds_exactly_the_engines_help_lines() -> None:
    assert _sources(CATALOGUE, "SettingsHelp") == set(FIELD_HELP.values())


def test_the_catalogue_holds_every_string_lupdate_finds(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed beside this Python")
    fresh = tmp_path / "fresh.ts"
    sources = [ROOT / "kiosk" / "settings" / "specs.py", ROOT / "kiosk" / "ui" / "admin" / "settings_page.py"]
    subprocess.run([str(lupdate), *map(str, sources), "-ts", str(fresh)], check=True, capture_output=True)
    for context in ("SettingsHelp", "SettingsPage"):
        assert _sources(fresh, context) == _sources(CATALOGUE, context), context


def test_admin_catalogue_translates_every_string() -> None:
    messages = list(ET.parse(CATALOGUE).getroot().iter("message"))
    assert len(messages) > 150
    untranslated = [
        m.findtext("source") for m in messages
        if not all(form.strip() for form in _translations(m)) or m.find("translation").get("type") == "unfinished"
    ]
    assert untranslated == []


def _translations(message: ET.Element) -> list[str]:
    """A message's translated text: its plural forms for a %n (numerus) message, else the one text."""
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")] or [""]
    return [translation.text or ""]


def _change_pin(qtbot, page, current: str, new: str, repeated: str) -> str:
    box = page.change_pin
    box.current.setText(current)
    box.new.setText(new)
    box.repeated.setText(repeated)
    qtbot.mouseClick(box.change_button, Qt.MouseButton.LeftButton)
    assert (box.current.text(), box.new.text(), box.repeated.text()) == ("", "", "")  # no PIN left on screen
    return box.message.text()



@pytest.mark.expected_log("kiosk.admin", "locked for")
def test_changing_the_admin_pin_needs_the_current_one_counts_wrong_ones_and_is_audited(
    qtbot, make_window, open_admin, repo, clock
) -> None:
    window = make_window()
    page = open_admin(window, "settings")
    assert page.change_pin.title() == "Change admin PIN"
    assert _change_pin(qtbot, page, ADMIN_PIN, "13579", "13579") == "The new PIN needs 6 to 12 digits."
    assert _change_pin(qtbot, page, ADMIN_PIN, "135792", "135790") == (
        "The two new PINs differ. Type the same PIN twice."
    )
    assert _change_pin(qtbot, page, "000000", "135792", "135792") == (
        "The current PIN is wrong. The admin PIN was not changed."
    )
    assert _change_pin(qtbot, page, ADMIN_PIN, "135792", "135792") == "Admin PIN changed. Use the new PIN from now on."
    assert [(e.actor, e.action, e.detail) for e in repo.audit.entries()[:3]] == [
        ("admin", "admin_pin_changed", "on the settings page"),
        ("kiosk", "admin_pin_ok", ""),
        ("kiosk", "admin_pin_refused", "changing the admin PIN"),
    ]
    # The next admin needs the new PIN at the door; the old one no longer opens.
    window.show_kiosk()
    assert window.gate.check(ADMIN_PIN).answer is GateAnswer.WRONG
    assert window.gate.check("135792").answer is GateAnswer.OPENED
    window.show_admin_home()
    window.show_admin_page("settings")
    # Wrong current PINs on the page count toward the same lockout as wrong PINs at the door.
    for _ in range(PIN_ATTEMPTS_BEFORE_LOCK - 1):
        _change_pin(qtbot, page, "000000", "246824", "246824")
    assert _change_pin(qtbot, page, "000000", "246824", "246824") == "Too many wrong PINs. Try again in 60 s."
    window.show_kiosk()
    assert window.gate.check("135792").answer is GateAnswer.LOCKED


def test_change_pin_box_speaks_chinese(qtbot, make_window, open_admin) -> None:
    page = open_admin(make_window(language="zh_CN"), "settings")
    assert page.change_pin.title() == "更改管理员 PIN 码"
    assert _change_pin(qtbot, page, ADMIN_PIN, "1", "1") == "新 PIN 码需要 6 到 12 位数字。"
