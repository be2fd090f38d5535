"""The window's start-up path reports an unusable settings file or database path in one line."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kiosk.ui.app import run_gui


def _answer_the_message_box(seen: list[str]) -> None:
    """Close the start-up error box once it is up, remembering what it said."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(20, lambda: _answer_the_message_box(seen))
        return
    seen.append(box.text())
    box.close()


@pytest.mark.expected_log("kiosk.ui", "cannot start")
@pytest.mark.parametrize(
    ("make_bad", "needle", "exit_code"),
    [
        (lambda tmp: (tmp / "office.settings.json").write_text('{"detect_width": 1e400}'), "detect_width", 2),
        (lambda tmp: (tmp / "notes.txt").write_text("a file"), "is a file, not a folder", 5),
    ],
    ids=["settings-1e400", "db-under-a-file"],
)
def test_gui_start_up_error_is_one_line_and_creates_nothing(
    qtbot, tmp_path: Path, caplog, make_bad, needle, exit_code
) -> None:
    make_bad(tmp_path)
    db = tmp_path / "notes.txt" / "office.sqlite" if exit_code == 5 else tmp_path / "office.sqlite"
    before = sorted(p.name for p in tmp_path.iterdir())
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer_the_message_box(seen))
    code = run_gui(argparse.Namespace(db=str(db), camera=None, language=None, fullscreen=False))
    assert code == exit_code
    assert len(seen) == 1 and needle in seen[0] and "\n" not in seen[0]
    [record] = [r for r in caplog.records if r.name == "kiosk.ui" and "cannot start" in r.getMessage()]
    assert "\n" not in record.getMessage()
    assert sorted(p.name for p in tmp_path.iterdir()) == before
