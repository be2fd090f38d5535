"""A second kiosk window on a database another window has open is refused with one line, and creates
nothing; once the first window is gone, the next one starts. The first window is a real other process
holding the window lock (``tests/unit/test_window_lock.py``), as a running ``kiosk`` does."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kiosk.ops.window_lock import hold_window_lock
from kiosk.storage.repository import Repository
from kiosk.ui.app import run_gui

_HOLDER = """
import sys
from pathlib import Path
from kiosk.ops.window_lock import hold_window_lock
lock = hold_window_lock(Path(sys.argv[1]))
print("held", flush=True)
sys.stdin.readline()
"""


def _answer_the_message_box(seen: list[str]) -> None:
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(20, lambda: _answer_the_message_box(seen))
        return
    seen.append(box.text())
    box.close()


@pytest.mark.expected_log("kiosk.ui", "cannot start: Another kiosk window")
def test_a_second_kiosk_window_on_the_same_database_is_refused_in_one_line(qtbot, tmp_path: Path, caplog) -> None:
    db = tmp_path / "office.sqlite"
    Repository(db).close()
    first = subprocess.Popen([sys.executable, "-c", _HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert first.stdout is not None and first.stdout.readline().strip() == "held"
        before = sorted(path.name for path in tmp_path.iterdir())
        seen: list[str] = []
        QTimer.singleShot(0, lambda: _answer_the_message_box(seen))
        code = run_gui(argparse.Namespace(db=str(db), camera=None, language=None, fullscreen=False))
        assert code == 5
        assert seen == [
            f"Another kiosk window (process {first.pid}) has {db} open; close it first (one window per database "
            "file), or give this one its own database with --db."
        ]
        [record] = [r for r in caplog.records if r.name == "kiosk.ui" and "cannot start" in r.getMessage()]
        assert "\n" not in record.getMessage()
        assert sorted(path.name for path in tmp_path.iterdir()) == before
    finally:
        assert first.stdin is not None
        first.stdin.write("\n")
        first.stdin.flush()
        first.wait(timeout=60)
    with hold_window_lock(db) as lock:  # the refused window let go of nothing it did not hold; the first is gone
        assert lock.held
