"""The Reports page's month timesheet: one row per person, one symbol per day coloured as in the xlsx, the
totals, and "Export xlsx" writing the same timesheet in the screen language (read back with openpyxl)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
from clocks import CHINA
from PySide6.QtCore import QDate

from kiosk.attendance.records import DayStatus
from kiosk.reports.xlsx import STATUS_COLOURS
from kiosk.ui.admin.reports import ReportsPage
from kiosk.ui.admin.reports_month import MonthTimesheetView

APRIL = {  # 张伟's punches in April 2024, local time (UTC+8)
    1: ((8, 58), (18, 5)),  # on time
    2: ((9, 20), (18, 0)),  # 20 minutes late (grace 5)
    3: ((9, 0),),  # no check-out: a missing punch
    9: ((9, 0), (20, 10)),  # 2 h 10 min after the end: 2 h of workday overtime (whole half hours)
}


def _april(repo) -> int:
    """白班 09:00–18:00 with lunch for 张伟 from April 1st, his punches, a day of leave; 李娜 without a shift."""
    repo.shifts.add("白班", "09:00", "18:00", breaks=[("12:00", "13:00")])
    zhang = repo.employees.add("0012", "张伟", "生产部")
    repo.employees.add("0044", "李娜", "质检部")
    repo.shifts.assign(zhang.id, "白班", date(2024, 4, 1))
    for day, punches in APRIL.items():
        for index, (hour, minute) in enumerate(punches):
            at = datetime(2024, 4, day, hour, minute, tzinfo=CHINA).astimezone(UTC)
            repo.events.add_manual(zhang.id, "in" if index == 0 else "out", at, 480, "打卡记录")
    repo.leave.add(zhang.id, datetime(2024, 4, 8), datetime(2024, 4, 9), "annual")
    return zhang.id


def _month_view(make_window, open_admin, **kwargs) -> tuple[ReportsPage, MonthTimesheetView]:
    page = open_admin(make_window(**kwargs), "reports")
    assert isinstance(page, ReportsPage)
    page.views.setCurrentWidget(page.month_view)
    page.month_view.month.setDate(QDate(2024, 4, 1))
    return page, page.month_view


def _cell(view: MonthTimesheetView, row: int, title: str) -> str:
    table = view.table
    column = next(c for c in range(table.columnCount()) if table.horizontalHeaderItem(c).text() == title)
    return table.item(row, column).text()


def test_the_month_grid_shows_each_day_in_the_xlsx_colours(make_window, open_admin, repo) -> None:
    _april(repo)
    _page, view = _month_view(make_window, open_admin)  # the clock says 2024-05-06: April is over
    table = view.table
    assert table.rowCount() == 2
    assert [table.item(row, 1).text() for row in range(2)] == ["张伟", "李娜"]
    assert table.horizontalHeaderItem(2).text() == "1\nM" and table.columnCount() == 2 + 30 + 13
    expected = {
        1: (DayStatus.NORMAL, "✓"), 2: (DayStatus.LATE, "L"), 3: (DayStatus.MISSING_PUNCH, "M"),
        4: (DayStatus.HOLIDAY, "H"),  # Qingming, 4–6 April
        7: (DayStatus.ABSENT, "A"),  # Sunday, a make-up workday for Qingming: no punch, no leave
        8: (DayStatus.LEAVE, "LV"), 9: (DayStatus.OVERTIME, "OT"), 13: (DayStatus.REST, "–"),
    }  # fmt: skip
    for day, (status, symbol) in expected.items():
        item = table.item(0, 1 + day)
        assert (item.text(), view.status_at("0012", date(2024, 4, day))) == (symbol, status)
        fill, ink = STATUS_COLOURS.get(status, ("#000000", "#000000"))
        if status in STATUS_COLOURS:
            assert (item.background().color().name(), item.foreground().color().name()) == (fill.lower(), ink.lower())
    assert table.item(0, 1 + 2).toolTip() == "2024-04-02  late\n09:20 – 18:00"
    assert table.item(1, 2).text() == "/"  # 李娜 has no shift: nothing is counted
    assert _cell(view, 0, "Late (times)") == "1" and _cell(view, 0, "Late (min)") == "20"
    assert _cell(view, 0, "Missing punches") == "1" and _cell(view, 0, "Leave (h)") == "8.00"
    assert _cell(view, 0, "Overtime, workdays (h)") == "2.00" and _cell(view, 0, "Days present") == "4"
    assert _cell(view, 1, "Scheduled days") == "0"
    assert not view.notice.isVisible()
    assert view.legend[DayStatus.LATE].text() == "L  late"


def test_export_xlsx_writes_the_month_shown(make_window, open_admin, repo, tmp_path: Path) -> None:
    _april(repo)
    page, view = _month_view(make_window, open_admin)
    path = tmp_path / "april.xlsx"
    assert view.export_xlsx(path)
    assert page.status.text() == f"Exported the timesheet of 2 people to {path}."
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["summary", "days", "punches"]
    rows = list(book["summary"].iter_rows(values_only=True))
    header = next(row for row in rows if row[0] == "code")
    zhang = next(row for row in rows if row[0] == "0012")
    day_two = header.index(datetime(2024, 4, 2))
    assert (zhang[1], zhang[day_two], zhang[header.index("late_minutes")]) == ("张伟", "L", 20)
    assert len([row for row in book["punches"].iter_rows(values_only=True) if row[0] == "0012"]) == 7

    assert not view.export_xlsx(tmp_path / "no-such-folder" / "april.xlsx")
    assert page.status.text().startswith("Not exported: The folder ")


def test_in_chinese_the_grid_and_the_workbook_are_chinese(make_window, open_admin, repo, tmp_path) -> None:
    _april(repo)
    page, view = _month_view(make_window, open_admin, language="zh_CN")
    assert page.views.tabText(1) == "月度考勤表"
    assert view.table.item(0, 1 + 2).text() == "迟"
    assert view.table.horizontalHeaderItem(0).text() == "工号"
    path = tmp_path / "四月.xlsx"
    assert view.export_xlsx(path)
    rows = list(openpyxl.load_workbook(path)["summary"].iter_rows(values_only=True))
    header = next(row for row in rows if row[0] == "工号")
    zhang = next(row for row in rows if row[0] == "0012")
    assert zhang[header.index(datetime(2024, 4, 2))] == "迟" and "迟到次数" in header


def test_a_month_of_an_unknown_year_shows_the_notice(make_window, open_admin, repo) -> None:
    _april(repo)
    _page, view = _month_view(make_window, open_admin)
    view.month.setDate(QDate(2027, 1, 1))
    assert view.notice.isVisible()
    assert view.notice.text() == (
        "Statutory holidays for 2027 are not known to this version; only the company's own dates apply."
    )
