"""The audit log reads in the screen language; what is stored stays the engine's codes."""

from __future__ import annotations

from datetime import datetime

from clocks import CHINA

from kiosk.ui.admin.audit_text import action_text, detail_text
from kiosk.ui.admin.corrections import AuditPage


def _row(page: AuditPage, row: int) -> list[str]:
    return [page.table.item(row, column).text() for column in range(4)]


def test_actions_and_details_follow_the_language_and_typed_words_stay_verbatim(make_window, open_admin, repo) -> None:
    ann = repo.add_employee("0042", "Ann Li")
    event = repo.add_manual_event(
        ann.id, "in", datetime(2024, 5, 6, 1, 0, tzinfo=CHINA), 480, "forgot; reason: <b>=1+1</b>", actor="admin"
    )
    repo.record_audit("admin", "admin_timeout", "admin mode left idle")
    window = make_window()
    page = open_admin(window, "audit")
    assert isinstance(page, AuditPage)
    stored = {(e.action, e.detail) for e in repo.audit_log()}
    window.set_language("zh_CN")
    rows = [_row(page, row) for row in range(page.table.rowCount())]
    actions = [row[2] for row in rows]
    assert "管理模式已锁定（闲置）" in actions and "手动添加记录" in actions
    added = next(row for row in rows if row[2] == "手动添加记录")
    assert added[3].startswith(f"event {event.id}: ") and added[3].endswith("；原因：forgot; reason: <b>=1+1</b>")
    assert {(e.action, e.detail) for e in repo.audit_log()} == stored  # the log itself is untouched

    window.set_language("en")
    rows = [_row(page, row) for row in range(page.table.rowCount())]
    assert ["Admin mode locked (idle)", "admin mode left idle"] in [row[2:] for row in rows]


def test_unknown_codes_and_details_are_shown_as_stored(qtbot) -> None:
    assert action_text("some_future_action") == "some_future_action"
    assert detail_text("0012: 3 things happened") == "0012: 3 things happened"
    assert detail_text("0012: 2 -> 5 templates (front,left)") == "0012: 2 -> 5 templates (front,left)"  # English
