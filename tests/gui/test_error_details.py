"""A broken database: the kiosk screen says one plain sentence; the technical details are for the admin.

A real SQLite failure: the kiosk's engine opens its own connection to a file
that is not a database, so SQLite's message (with the file's path) is what
the vision worker reports.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.security.admin_gate import ADMIN_PIN_KEY
from kiosk.security.pins import PinStore
from kiosk.settings.specs import Settings
from kiosk.ui.app import create_app
from kiosk.ui.prompts import PromptKind, Tone

ADMIN_PIN = "246813"
SENTENCE = "Face recognition is not working right now. Please tell an administrator."


@pytest.mark.expected_log("kiosk.ui", "is damaged or is not a kiosk database")
def test_a_database_error_shows_a_short_sentence_and_the_admin_reads_the_details(
    qtbot, repo, db_path: Path, tmp_path: Path, clock, faces: Path
) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not an SQLite database, " * 64)
    repo.settings.set(ADMIN_PIN_KEY, PinStore(repo).hash(ADMIN_PIN))
    window = create_app(
        Settings(), repo, broken, faces / "video" / "blink-0012.mp4", clock, "en", False, paced=False, lockstep=True
    )
    try:
        kiosk = window.kiosk
        qtbot.waitUntil(lambda: kiosk.prompt is not None and kiosk.prompt.kind is PromptKind.ENGINE_FAILED,
                        timeout=30_000)
        assert kiosk.banner.text() == SENTENCE
        assert kiosk.prompt.tone is Tone.FAILURE
        with pytest.raises(PermissionError):
            window.show_recent_problems()  # not before the admin PIN

        qtbot.mouseClick(kiosk.admin_button, Qt.MouseButton.LeftButton)
        dialog = window.pin_dialog
        assert dialog is not None
        dialog.field.setText(ADMIN_PIN)
        qtbot.mouseClick(dialog.keypad.ok_key, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is window.admin_home
        qtbot.mouseClick(window.admin_home.problems_button, Qt.MouseButton.LeftButton)
        problems = window.problems_dialog
        assert problems is not None and problems.isVisible()
        table = problems.table
        rows = [[table.item(row, column).text() for column in range(4)] for row in range(table.rowCount())]
        details = [row for row in rows if str(broken) in row[3]]
        assert details, rows
        when, times, where, message = details[0]
        assert where == "kiosk.ui"
        assert "is damaged or is not a kiosk database" in message and "not a database" in message
        datetime.strptime(when, "%Y-%m-%d %H:%M:%S")  # a time of day, to line up with the log
        assert int(times.split()[0]) >= 1
    finally:
        window.shutdown()
        window.close()
