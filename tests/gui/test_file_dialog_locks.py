"""A file dialog in the database's folder must not drop the kiosk's SQLite locks.

Regression test: Qt's stock file dialog read each listed file to guess its
type, and closing that descriptor dropped every POSIX lock the kiosk process
held on the database. Another process then deleted the WAL under the kiosk.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from clocks import CHINA
from PySide6.QtWidgets import QWidget

from kiosk.attendance.scan import AttendanceRules, OutcomeKind
from kiosk.storage.repository import Repository
from kiosk.ui.file_dialogs import file_dialog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX lock semantics")

OTHER_PROCESS = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])  # a read-write connection, like an export or a backup tool
print(conn.execute("SELECT count(*) FROM events").fetchone()[0])
conn.close()  # the last connection to close checkpoints and deletes the WAL: it must not think it is last
"""


def _other_process_count(path: Path) -> int:
    done = subprocess.run([sys.executable, "-c", OTHER_PROCESS, str(path)], capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_export_dialog_in_the_database_folder_keeps_the_wal_alive(qtbot, tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite"
    wal = Path(f"{db}-wal")
    now = datetime(2026, 11, 24, 9, 0, tzinfo=CHINA)
    with Repository(db) as kiosk_repo, Repository(db) as vision_repo:
        ann = kiosk_repo.employees.add("0042", "Ann Li")
        wal_inode = wal.stat().st_ino

        parent = QWidget()
        qtbot.addWidget(parent)
        dialog = file_dialog(parent, "Export CSV", tmp_path)
        dialog.open()
        qtbot.waitUntil(lambda: "office.sqlite" in dialog.directory().entryList())
        qtbot.wait(1500)  # let the dialog list, type and draw every file, as a person would see it
        dialog.reject()

        assert _other_process_count(db) == 0
        assert wal.exists() and wal.stat().st_ino == wal_inode

        rules = AttendanceRules(vision_repo, lambda: now)
        assert rules.register(ann, distance=0.3, live=True).kind is OutcomeKind.CHECKED_IN
        assert _other_process_count(db) == 1
        assert wal.exists() and wal.stat().st_ino == wal_inode
