"""Corrections, reports and the staff list, on a seeded week of attendance."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QMessageBox

from kiosk.reports.csv_writer import write_summary_csv
from kiosk.reports.query import ReportQuery
from kiosk.security.pins import PinStore


def test_corrections_need_a_reason_and_are_audited(qtbot, make_window, open_admin, repo, seed_week, week_clock) -> None:
    ids = seed_week(repo)
    window = make_window()
    page = open_admin(window, "corrections")
    page.start.setDate(QDate(2024, 5, 3))
    page.end.setDate(QDate(2024, 5, 3))
    assert [(e.employee_id, e.kind) for e in page.events] == [(ids["0012"], "in")]  # Friday: no check-out

    page.employee.setCurrentIndex(page.employee.findData(ids["0012"]))
    page.kind.setCurrentIndex(page.kind.findData("out"))
    page.when.setDateTime(QDateTime(QDate(2024, 5, 3), QTime(17, 40)))
    assert not page.add_button.isEnabled()  # no reason yet
    qtbot.keyClicks(page.reason, "forgot to check out")
    assert page.add_button.isEnabled()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    added = page.events[-1]
    assert (added.kind, added.source, added.note) == ("out", "manual", "forgot to check out")
    assert added.at_utc == datetime(2024, 5, 3, 9, 40, tzinfo=UTC)
    entry = repo.audit.entries()[0]
    assert entry.action == "add_event"
    assert entry.detail == f"event {added.id}: 0012 out at 2024-05-03 17:40:00+08:00; reason: forgot to check out"
    assert page.reason.text() == "" and not page.fix_button.isEnabled()  # reason is per correction

    assert page.select_event(added.id)
    page.when.setDateTime(QDateTime(QDate(2024, 5, 3), QTime(17, 45)))
    qtbot.keyClicks(page.reason, "time confirmed by team leader")
    qtbot.mouseClick(page.fix_button, Qt.MouseButton.LeftButton)
    fixed = next(e for e in page.events if e.id == added.id)
    assert fixed.at_local.strftime("%H:%M") == "17:45" and fixed.note == "time confirmed by team leader"
    entry = repo.audit.entries()[0]
    assert entry.action == "update_event"
    assert entry.detail == (
        f"event {added.id}: 0012 out at 2024-05-03 17:40:00+08:00 -> 0012 out at 2024-05-03 17:45:00+08:00; "
        "reason: time confirmed by team leader"
    )

    assert page.select_event(added.id)
    assert not page.delete_button.isEnabled()
    qtbot.keyClicks(page.reason, "entered twice")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert [e.id for e in page.events if e.id == added.id] == []
    assert repo.audit.entries()[0].action == "delete_event"
    assert repo.audit.entries()[0].detail.endswith("(manual); reason: entered twice")

    audit = open_admin(window, "audit")
    assert audit.table.item(0, 2).text() == "Event deleted"  # stored as delete_event, shown by name
    assert audit.table.rowCount() == len(repo.audit.entries())


def test_report_shows_flags_and_exports_the_cli_csv(qtbot, make_window, open_admin, repo, settings, seed_week,
                                                   week_clock, tmp_path: Path) -> None:
    seed_week(repo)
    window = make_window()
    window.apply_settings(settings.replace(workday_start="09:00"))
    page = open_admin(window, "reports")
    page.start.setDate(QDate(2024, 4, 29))
    page.end.setDate(QDate(2024, 5, 3))
    assert page.chart.bars == [("04-29", 2), ("04-30", 3), ("05-01", 2), ("05-02", 1), ("05-03", 1)]
    rows = {(page.table.item(r, 0).text(), page.table.item(r, 1).text()): page.table.item(r, 7).text()
            for r in range(page.table.rowCount())}
    assert rows[("2024-05-01", "0012")] == "Late"
    # Friday 18:30 is today: 张伟 has not checked out *yet*, and no hours are claimed for the open day.
    assert rows[("2024-05-03", "0012")] == "In progress"
    friday = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == "2024-05-03")
    assert page.table.item(friday, 6).text() == "–"
    assert rows[("2024-04-29", "0031")] == ""

    page.department.setCurrentIndex(page.department.findData("生产部"))
    path = tmp_path / "summary.csv"
    assert page.export("summary", path) == 6
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert lines == [
        ["date", "employee_code", "name", "department", "first_in", "last_out", "hours", "hours_hm", "events", "flags"],
        ["2024-04-29", "0012", "张伟", "生产部", "08:55:00", "17:30:00", "8.58", "8:35", "2", ""],
        ["2024-04-30", "0012", "张伟", "生产部", "08:55:00", "17:30:00", "8.58", "8:35", "2", ""],
        ["2024-04-30", "0044", "李娜", "生产部", "09:05:00", "18:05:00", "9.00", "9:00", "2", "late"],
        ["2024-05-01", "0012", "张伟", "生产部", "09:20:00", "17:30:00", "8.17", "8:10", "2", "late"],
        ["2024-05-02", "0012", "张伟", "生产部", "08:55:00", "17:30:00", "8.58", "8:35", "2", ""],
        ["2024-05-03", "0012", "张伟", "生产部", "08:55:00", "", "0.00", "0:00", "1", "in_progress"],
    ]
    cli = tmp_path / "cli.csv"
    query = ReportQuery(repo, *page.range, department="生产部", start_time=page.start_time, today=page.today)
    write_summary_csv(query, cli)
    assert cli.read_bytes() == raw  # the screen writes exactly what `kiosk export` writes

    events = tmp_path / "events.csv"
    assert page.export("events", events) == 17
    assert events.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "张伟" in events.read_text(encoding="utf-8-sig")
    assert page.status.text() == f"Exported 17 rows to {events}."
    assert page.export("totals", tmp_path / "one.csv") == 2  # 张伟 and 李娜 in 生产部
    page.employee.setCurrentIndex(page.employee.findData("0044"))
    assert page.export("totals", tmp_path / "one.csv") == 1
    assert page.status.text() == f"Exported 1 row to {tmp_path / 'one.csv'}."

    week_clock.advance(hours=6)  # Saturday 00:30: Friday is over, and the check-out is missing
    page.refresh()
    page.employee.setCurrentIndex(0)
    rows = {(page.table.item(r, 0).text(), page.table.item(r, 1).text()): page.table.item(r, 7).text()
            for r in range(page.table.rowCount())}
    assert rows[("2024-05-03", "0012")] == "Missing check-out"


def test_report_totals_per_employee_and_exports_in_chinese(qtbot, make_window, open_admin, repo, settings, seed_week,
                                                           week_clock, tmp_path: Path) -> None:
    seed_week(repo)
    window = make_window()
    window.apply_settings(settings.replace(workday_start="09:00"))
    page = open_admin(window, "reports")
    page.start.setDate(QDate(2024, 4, 29))
    page.end.setDate(QDate(2024, 5, 3))
    page.tabs.setCurrentWidget(page.totals_table)
    table = page.totals_table
    shown = [[table.item(r, c).text() for c in range(7)] for r in range(table.rowCount())]
    assert shown == [
        # code, name, department, days present, hours, late arrivals, missing check-outs
        ["0012", "张伟", "生产部", "5", "33:55 (today in progress)", "1", "0"],
        ["0031", "Alice Chen", "财务部", "3", "25:30", "0", "0"],
        ["0044", "李娜", "生产部", "1", "9:00", "1", "0"],
    ]
    assert table.horizontalHeaderItem(3).text() == "Days present"

    window.apply_settings(settings.replace(workday_start="09:00", language="zh_CN"))
    assert page.tabs.tabText(1) == "每人合计"
    assert table.horizontalHeaderItem(3).text() == "出勤天数"
    assert table.item(0, 4).text() == "33:55（今天进行中）"
    path = tmp_path / "totals.csv"
    assert page.export("totals", path) == 3
    assert page.status.text() == f"已导出 3 行到 {path}。"
    lines = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert lines == [
        ["工号", "姓名", "部门", "出勤天数", "工时（小时）", "工时（时:分）", "迟到天数", "缺少签退", "进行中天数"],
        ["0012", "张伟", "生产部", "5", "33.92", "33:55", "1", "0", "1"],
        ["0031", "Alice Chen", "财务部", "3", "25.50", "25:30", "0", "0", "0"],
        ["0044", "李娜", "生产部", "1", "9.00", "9:00", "1", "0", "0"],
    ]
    window.apply_settings(settings.replace(workday_start="09:00", language="en"))


def test_staff_deactivate_pin_and_delete_biometrics(qtbot, make_window, open_admin, repo, faces, analyzer,
                                                     seed_week, week_clock) -> None:
    from kiosk.enrollment.session import templates_from_images

    ids = seed_week(repo)
    photos = sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg"))[:2]
    front, left = templates_from_images(analyzer, photos)
    repo.templates.replace(ids["0012"], [("front", front.encoding), ("left", left.encoding)])
    window = make_window()
    page = open_admin(window, "employees")
    assert [e.code for e in page.employees] == ["0012", "0031", "0044"]
    page.search.setText("生产")
    assert [e.code for e in page.employees] == ["0012", "0044"]
    page.search.clear()

    assert page.select("0031")
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert not repo.employees.find("0031").active
    assert page.active_button.text() == "Reactivate"

    assert page.select("0044")
    qtbot.mouseClick(page.pin_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.first.setText("4321")
    dialog.second.setText("4322")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.error.text() == "The two PINs differ. Type the same PIN twice."
    dialog.second.setText("4321")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert page.dialog is None
    assert PinStore(repo).verify_employee_pin("0044", "4321").id == ids["0044"]
    assert PinStore(repo).verify_employee_pin("0044", "1234") is None

    events_before = len(repo.events.between(datetime(2024, 1, 1, tzinfo=UTC),
                                            datetime(2025, 1, 1, tzinfo=UTC), ids["0012"]))
    assert page.select("0012") and page.delete_button.isEnabled()
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    box = page.confirm_box
    assert "This deletes their 2 face templates" in box.text()
    assert "Their attendance history, personal PIN and employee record are kept." in box.text()
    delete = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    delete.click()
    assert repo.templates.of(ids["0012"]) == []
    assert len(repo.events.between(datetime(2024, 1, 1, tzinfo=UTC),
                                   datetime(2025, 1, 1, tzinfo=UTC), ids["0012"])) == events_before == 9
    assert repo.audit.entries()[0].detail == "0012: 2 templates deleted"
    assert page.table.item(0, 4).text() == "0"
