"""The corrections page of a kiosk that syncs with a company server (a real PostgreSQL server)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository
from kiosk.sync.round import sync_once
from kiosk.sync.server import open_server


def test_a_check_in_already_on_the_server_is_refused_with_one_line_in_the_screen_language(
    qtbot, make_window, open_admin, repo, clock, postgres_url, tmp_path: Path
) -> None:
    Repository(postgres_url, files_base=tmp_path / "hr").close()  # the company's server, as its owner made it
    zhang = repo.employees.add("0012", "张伟", templates=[("front", np.full(128, 0.05, dtype=np.float32))])
    event = repo.events.add(AttendanceEvent(None, zhang.id, "in", clock(), 480, 0.3, True, "face", "door-1"))
    server = open_server(postgres_url)
    try:
        assert sync_once(repo, server).pushed == 1
    finally:
        server.close()
    window = make_window()
    page = open_admin(window, "corrections")
    assert event.id is not None and page.select_event(event.id)
    page.kind.setCurrentIndex(page.kind.findData("out"))
    qtbot.keyClicks(page.reason, "was a check-out")
    audit = repo.audit.entries()
    qtbot.mouseClick(page.fix_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "This check-in is already on the server; correct it on the HR workstation."
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "This check-in is already on the server; correct it on the HR workstation."
    assert repo.events.with_uid(event.uid or "") == event and repo.audit.entries() == audit
    assert page.reason.text() == "was a check-out"  # kept: the admin may copy it to the HR workstation
    window.set_language("zh_CN")
    assert page.status.text() == "此签到已在服务器上；请在人事工作站更正。"
