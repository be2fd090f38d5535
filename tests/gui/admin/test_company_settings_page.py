"""Company-wide settings on screen: HR edits them on the workstation, a kiosk with a server shows them read-only.

Both run against the session's real PostgreSQL server; the kiosk syncs in its
own thread, as in production, and applies what it pulled without a restart.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from clocks import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.paths import settings_path_for
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.sync.company_settings import save_company_change
from kiosk.ui.admin.settings_page import PAGE_FIELDS
from kiosk.ui.admin.workstation import HrWorkstation
from kiosk.ui.i18n import install_translator

ADMIN_PIN = "246813"  # what the make_window fixture stores by default
INTERVAL_S = 0.3
"""Seconds between the test kiosk's sync rounds (a real kiosk waits a minute)."""


@pytest.fixture
def hr(postgres_url: str, tmp_path: Path, store_admin_pin: Callable[[Repository], None]) -> Iterator[Repository]:
    """The HR workstation's repository on the server, with the run's admin PIN (and its key file)."""
    with Repository(postgres_url, files_base=tmp_path / "office.server") as repo:
        store_admin_pin(repo)
        yield repo


def test_hr_sets_company_rules_on_the_workstation_audited_on_the_server(
    qtbot, hr: Repository, postgres_url: str, clock: FakeClock
) -> None:
    window = HrWorkstation(hr, hr.path, Settings(), clock)
    qtbot.addWidget(window)
    window.show()
    window.gate.check(ADMIN_PIN)
    window.show_admin_home()
    window.show_admin_page("settings")
    page = window.admin_pages["settings"]

    shown = {name for row, name in enumerate(PAGE_FIELDS) if page.form.isRowVisible(row)}
    assert not shown & {"camera", "language", "sounds"}  # each kiosk's own
    assert {"strictness", "cooldown_s", "liveness_required", "template_retention_days"} <= shown
    assert page.change_pin.isHidden() and page.company_note.isVisible()
    assert all(note.isHidden() for note in page.hr_notes.values()) and page.cooldown.isEnabled()

    page.cooldown.setValue(300)
    page.strictness.setCurrentIndex(page.strictness.findData("strict"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Saved on the server. Each kiosk applies it at its next sync."
    with psycopg.connect(postgres_url) as conn:
        stored = dict(conn.execute("SELECT key, value FROM settings WHERE key LIKE 'policy.%'").fetchall())
    assert stored == {"policy.cooldown_s": "300.0", "policy.strictness": '"strict"'}
    changes = [(e.actor, e.detail) for e in reversed(hr.audit.entries()) if e.action == "change_setting"]
    assert changes == [("admin", "strictness: 'normal' -> 'strict'"), ("admin", "cooldown_s: 60.0 -> 300.0")]
    assert not settings_path_for(hr.path).exists()  # nothing of this went into a local file

    # Opened again, the workstation shows what the server holds.
    again = HrWorkstation(hr, hr.path, Settings(), clock)
    qtbot.addWidget(again)
    assert (again.settings.cooldown_s, again.settings.strictness) == (300.0, "strict")


def test_a_kiosk_with_a_server_applies_hrs_rules_live_and_shows_them_read_only(
    hr: Repository, postgres_url: str, qtbot, make_window, open_admin, repo: Repository, db_path: Path
) -> None:
    # The server fixtures come first so they are torn down last: the window's sync worker
    # stops before the test's database is dropped, not one round after.
    window = make_window()
    page = open_admin(window, "settings")
    assert page.cooldown.isEnabled() and all(note.isHidden() for note in page.hr_notes.values())  # on its own
    window.show_admin_home()

    save_company_change(hr, Settings(), Settings(cooldown_s=1800.0, liveness_required=False), actor="admin")
    window.start_sync(postgres_url, interval_s=INTERVAL_S)
    qtbot.waitUntil(lambda: window.settings.cooldown_s == 1800.0, timeout=20_000)  # no restart
    assert window.settings.liveness_required is False
    assert [(e.actor, e.detail) for e in reversed(repo.audit.entries()) if e.action == "change_setting"] == [
        ("server", "cooldown_s: 60.0 -> 1800.0"),
        ("server", "liveness_required: True -> False"),
    ]

    window.show_admin_page("settings")
    assert page.cooldown.value() == 1800 and not page.cooldown.isEnabled()
    assert not page.liveness.isEnabled() and page.liveness_warning.isVisible()
    assert page.hr_notes["cooldown_s"].isVisible() and page.hr_notes["cooldown_s"].text() == "Set by HR on the server"
    assert page.sounds.isEnabled() and page.camera.isEnabled() and page.language.isEnabled()
    assert page.change_pin.isVisible() and page.company_note.isHidden()
    install_translator(QApplication.instance(), "zh_CN")
    try:
        assert page.hr_notes["cooldown_s"].text() == "由人事部在服务器上设置"
    finally:
        install_translator(QApplication.instance(), "en")

    # Its own settings are still its own: saved to its file, which keeps its own cooldown.
    page.sounds.setChecked(False)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    stored = json.loads(settings_path_for(db_path).read_text(encoding="utf-8"))
    assert (stored["sounds"], stored["cooldown_s"], stored["liveness_required"]) == (False, 60.0, True)
    assert (window.settings.sounds, window.settings.cooldown_s) == (False, 1800.0)
    assert [(e.actor, e.detail) for e in repo.audit.entries()[:1]] == [("admin", "sounds: True -> False")]
