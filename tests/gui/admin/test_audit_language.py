"""The audit log reads in the screen language; what is stored stays the engine's codes."""

from __future__ import annotations

from datetime import datetime

from clocks import CHINA

from kiosk.ui.admin.audit_text import action_text, detail_text
from kiosk.ui.admin.corrections import AuditPage


def _row(page: AuditPage, row: int) -> list[str]:
    return [page.table.item(row, column).text() for column in range(4)]


def test_actions_and_details_follow_the_language_and_typed_words_stay_verbatim(make_window, open_admin, repo) -> None:
    ann = repo.employees.add("0042", "Ann Li")
    event = repo.events.add_manual(
        ann.id, "in", datetime(2024, 5, 6, 1, 0, tzinfo=CHINA), 480, "forgot; reason: <b>=1+1</b>", actor="admin"
    )
    repo.audit.record("admin", "admin_timeout", "admin mode left idle")
    window = make_window()
    page = open_admin(window, "audit")
    assert isinstance(page, AuditPage)
    stored = {(e.action, e.detail) for e in repo.audit.entries()}
    window.set_language("zh_CN")
    rows = [_row(page, row) for row in range(page.table.rowCount())]
    actions = [row[2] for row in rows]
    assert "管理模式已锁定（闲置）" in actions and "手动添加记录" in actions
    added = next(row for row in rows if row[2] == "手动添加记录")
    assert added[3].startswith(f"event {event.id}: ") and added[3].endswith("；原因：forgot; reason: <b>=1+1</b>")
    assert {(e.action, e.detail) for e in repo.audit.entries()} == stored  # the log itself is untouched

    window.set_language("en")
    rows = [_row(page, row) for row in range(page.table.rowCount())]
    assert ["Admin mode locked (idle)", "admin mode left idle"] in [row[2:] for row in rows]


def test_unknown_codes_and_details_are_shown_as_stored(qtbot) -> None:
    assert action_text("some_future_action") == "some_future_action"
    assert detail_text("0012: 3 things happened") == "0012: 3 things happened"
    assert detail_text("0012: 2 -> 5 templates (front,left)") == "0012: 2 -> 5 templates (front,left)"  # English


def test_details_of_employee_and_setting_changes_read_in_chinese(make_window, open_admin, repo, tmp_path) -> None:
    from kiosk.settings.files import save_settings_change
    from kiosk.settings.specs import Settings

    ann = repo.employees.add("0042", "Ann Li", "生产部")
    repo.employees.update(ann.id, name="李安", department="财务部")
    repo.employees.update(ann.id, active=False)
    new = Settings(liveness_required=False, checkout_after_min=10)
    save_settings_change(repo, Settings(), new, tmp_path / "s.json")
    stored = {(e.action, e.detail) for e in repo.audit.entries()}
    window = make_window()
    page = open_admin(window, "audit")
    window.set_language("zh_CN")
    details = {(row[2], row[3]) for row in (_row(page, r) for r in range(page.table.rowCount()))}
    shown = {d for _, d in details}
    assert "0042 Ann Li，部门 生产部" in shown
    assert "0042：姓名：Ann Li → 李安；部门：生产部 → 财务部" in shown
    assert "0042：在职：是 → 否" in shown
    assert "设置 liveness_required：是 → 否" in shown
    assert "设置 checkout_after_min：5 → 10" in shown
    assert stored <= {(e.action, e.detail) for e in repo.audit.entries()}  # the stored codes stay as they were
    window.set_language("en")
    shown = {_row(page, r)[3] for r in range(page.table.rowCount())}
    assert "0042: name: Ann Li → 李安; department: 生产部 → 财务部" in shown
