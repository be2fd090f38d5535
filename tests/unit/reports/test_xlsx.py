"""The 考勤汇总 workbook, read back with openpyxl: sheets, titles, cell types, symbols, print setup, safety.

The timesheet is built by hand (the rules have their own golden tests): two
people over Monday 2027-03-01 … Sunday 2027-03-07, one with a Chinese name,
one whose name and department look like formulas and who works nights.
"""

from __future__ import annotations

import errno
import os
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from kiosk.attendance.records import (
    CalendarDay,
    DayKind,
    DayStatus,
    PersonDay,
    PersonPeriod,
    Punch,
    Staff,
    Timesheet,
)
from kiosk.errors import DiskFull, InputError
from kiosk.reports.xlsx import display_width, write_timesheet_xlsx

FORMULA_NAME = '=HYPERLINK("http://x","y")'
NOTICE = "statutory holidays for 2027 are not known to this version; only the company's own dates apply"
START, END = date(2027, 3, 1), date(2027, 3, 7)
FACTORY_DAY = CalendarDay(date(2027, 3, 3), DayKind.HOLIDAY, "厂庆", "company")


def _day(employee_id: int, day: int, status: DayStatus, shift: str = "白班", **fields: object) -> PersonDay:
    calendar = FACTORY_DAY if day == 3 else CalendarDay(date(2027, 3, day), DayKind.ORDINARY)
    scheduled = status not in (DayStatus.REST, DayStatus.HOLIDAY, DayStatus.OVERTIME)
    minutes = 480 if scheduled else 0
    return PersonDay(employee_id, date(2027, 3, day), shift, calendar, scheduled, status,
                     scheduled_minutes=minutes, **fields)  # fmt: skip


def small_timesheet() -> Timesheet:
    """张伟 (day shift, one of each common status) and a formula-named night worker, with their punches."""
    s = DayStatus
    zhang_days = (
        _day(1, 1, s.NORMAL, first_in=datetime(2027, 3, 1, 8, 25), last_out=datetime(2027, 3, 1, 17, 40),
             worked_minutes=480),
        _day(1, 2, s.LATE, first_in=datetime(2027, 3, 2, 8, 42, 10), last_out=datetime(2027, 3, 2, 17, 31),
             worked_minutes=468, late_minutes=12),
        _day(1, 3, s.MISSING_PUNCH, first_in=datetime(2027, 3, 3, 8, 20), missing_punch=True),
        _day(1, 4, s.LEAVE, leave_minutes=480),
        _day(1, 5, s.EARLY_LEAVE, first_in=datetime(2027, 3, 5, 8, 29), last_out=datetime(2027, 3, 5, 16, 50),
             worked_minutes=440, early_leave_minutes=40),
        _day(1, 6, s.REST),
        _day(1, 7, s.OVERTIME, first_in=datetime(2027, 3, 7, 9, 0), last_out=datetime(2027, 3, 7, 12, 20),
             worked_minutes=200, overtime_restday_minutes=200),
    )  # fmt: skip
    night_days = (
        _day(2, 1, s.NORMAL, "夜班", first_in=datetime(2027, 3, 1, 21, 55), last_out=datetime(2027, 3, 2, 6, 3),
             worked_minutes=480),
        _day(2, 2, s.ABSENT, "夜班", absent=True),
        _day(2, 3, s.HOLIDAY, "夜班"),
        _day(2, 4, s.LATE_AND_EARLY, "夜班", first_in=datetime(2027, 3, 4, 22, 10),
             last_out=datetime(2027, 3, 5, 5, 30), late_minutes=10, early_leave_minutes=30, worked_minutes=440),
        _day(2, 5, s.NOT_EMPLOYED, ""),
        _day(2, 6, s.REST, "夜班"),
        _day(2, 7, s.IN_PROGRESS, "夜班"),
    )  # fmt: skip
    zhang = PersonPeriod(1, "E001", "张伟", "研发部（北京）", "白班", 5, 4, 1, 12, 1, 40, 1, 0, 480, 0, 200, 0,
                         2068, zhang_days)  # fmt: skip
    night = PersonPeriod(2, "E002", FORMULA_NAME, "+1", "夜班", 3, 2, 1, 10, 1, 30, 0, 1, 0, 0, 0, 0, 920,
                         night_days)  # fmt: skip
    punches = (
        Punch(1, datetime(2027, 3, 1, 8, 25), "face", "kiosk-1"),
        Punch(1, datetime(2027, 3, 2, 8, 42, 10), "pin", "kiosk-1", note="-forgot card"),
        Punch(2, datetime(2027, 3, 1, 21, 55), "face", "@gate"),
        Punch(2, datetime(2027, 3, 2, 6, 3), "manual", "", note="=1+1"),
        Punch(99, datetime(2027, 3, 2, 7, 0), "import", "kiosk-2"),
        Punch(98, datetime(2027, 3, 2, 7, 5), "face", "kiosk-2"),
    )
    return Timesheet(START, END, (zhang, night), punches, (NOTICE,))


def _write(tmp_path: Path, language: str = "en") -> openpyxl.Workbook:
    path = tmp_path / "timesheet.xlsx"
    write_timesheet_xlsx(small_timesheet(), path, language=language, staff=[Staff(99, "T099", "临时工")])
    return openpyxl.load_workbook(path)


def _header_row(sheet: Worksheet, first: str) -> int:
    """The row number (1-based) whose first cell is ``first``."""
    return next(cell.row for cell in sheet["A"] if cell.value == first)


def _row(sheet: Worksheet, row: int) -> list[object]:
    return [cell.value for cell in sheet[row]]


def test_summary_headers_totals_and_hours_in_english(tmp_path: Path) -> None:
    book = _write(tmp_path)
    assert book.sheetnames == ["summary", "days", "punches"]
    summary = book["summary"]
    header = _header_row(summary, "code")
    titles = _row(summary, header)
    assert titles[:17] == [
        "code", "name", "department", "shift", "scheduled_days", "days_present", "late_count", "late_minutes",
        "early_leave_count", "early_leave_minutes", "missing_punch_count", "absent_days", "leave_hours",
        "overtime_workday_hours", "overtime_restday_hours", "overtime_holiday_hours", "worked_hours",
    ]  # fmt: skip
    assert titles[17:] == [datetime(2027, 3, day) for day in range(1, 8)]
    assert summary.cell(header, 18).number_format == "mm-dd"
    assert _row(summary, header + 1)[17:] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    zhang = _row(summary, header + 2)
    assert zhang[:12] == ["E001", "张伟", "研发部（北京）", "白班", 5, 4, 1, 12, 1, 40, 1, 0]
    assert zhang[12:17] == pytest.approx([8.0, 0.0, 200 / 60, 0.0, 2068 / 60])
    assert [summary.cell(header + 2, col).number_format for col in range(13, 18)] == ["0.00"] * 5
    assert summary.cell(header + 2, 15).data_type == "n"
    assert isinstance(summary.cell(header + 2, 15).value, float)  # 3.333…, unrounded: only its format rounds
    assert summary.cell(header + 2, 5).data_type == "n"
    assert summary.freeze_panes == f"C{header + 2}"


def test_summary_symbols_colours_legend_and_notice(tmp_path: Path) -> None:
    summary = _write(tmp_path)["summary"]
    header = _header_row(summary, "code")
    assert summary["A1"].value == "Attendance 2027-03-01 to 2027-03-07"
    assert summary["A2"].value == f"Notice: {NOTICE}"
    assert _row(summary, header + 2)[17:] == ["✓", "L", "M", "LV", "E", "–", "OT"]
    assert _row(summary, header + 3)[17:] == ["✓", "A", "H", "L/E", "/", "–", "…"]
    fills = [summary.cell(header + 3, col).fill.fgColor.rgb for col in range(18, 25)]
    assert fills[1:4] == ["FFFFC7CE", "FFD9D9D9", "FFFFEB9C"]  # absent red, holiday grey, late/early yellow
    assert summary.cell(header + 2, 20).fill.fgColor.rgb == "FFF8CBAD"  # missing punch orange
    assert summary.cell(header + 2, 21).fill.fgColor.rgb == "FFBDD7EE"  # leave blue
    assert summary.cell(header + 2, 24).fill.fgColor.rgb == "FFC6EFCE"  # overtime green
    legend = _header_row(summary, "Legend")
    assert legend == header + 5  # the two people, then one blank row
    meanings = {summary.cell(row, 1).value: summary.cell(row, 2).value for row in range(legend + 1, legend + 13)}
    assert meanings["A"] == "absent"
    assert meanings["LV"] == "on leave"
    assert set(meanings) == {"A", "M", "L/E", "L", "E", "LV", "OT", "✓", "H", "–", "/", "…"}


def test_chinese_titles_symbols_labels_and_legend(tmp_path: Path) -> None:
    book = _write(tmp_path, "zh_CN")
    summary, days, punches = book["summary"], book["days"], book["punches"]
    header = _header_row(summary, "工号")
    titles = _row(summary, header)
    assert titles[:4] == ["工号", "姓名", "部门", "班次"]
    assert titles[12:17] == [
        "请假时长（小时）", "工作日加班（小时）", "休息日加班（小时）", "节假日加班（小时）", "工作时长（小时）"
    ]  # fmt: skip
    assert _row(summary, header + 1)[17:] == ["一", "二", "三", "四", "五", "六", "日"]
    assert _row(summary, header + 2)[17:] == ["√", "迟", "缺", "假", "早", "休", "加"]
    assert _row(summary, header + 3)[17:] == ["√", "旷", "节", "迟/早", "/", "休", "…"]
    assert summary["A1"].value == "考勤汇总 2027-03-01 至 2027-03-07"
    assert summary["A2"].value == f"注意：{NOTICE}"
    legend = _header_row(summary, "图例")
    assert (summary.cell(legend + 1, 1).value, summary.cell(legend + 1, 2).value) == ("旷", "旷工")
    assert _row(days, 1)[:9] == [
        "工号", "姓名", "日期", "班次", "日期类型", "节假日名称", "考勤结果", "上班打卡", "下班打卡"
    ]  # fmt: skip
    assert _row(days, 4)[4:7] == ["节假日", "厂庆", "缺卡"]
    assert _row(punches, 1) == ["工号", "姓名", "打卡时间", "打卡方式", "设备", "备注"]
    assert [row[3] for row in punches.iter_rows(min_row=2, values_only=True)][:3] == ["人脸", "人脸", "PIN 码"]


def test_days_sheet_has_real_dates_times_and_minutes(tmp_path: Path) -> None:
    days = _write(tmp_path)["days"]
    assert _row(days, 1) == [
        "code", "name", "date", "shift", "day_kind", "holiday", "status", "first_in", "last_out",
        "scheduled_minutes", "worked_minutes", "late_minutes", "early_leave_minutes", "missing_punch", "absent",
        "leave_minutes", "overtime_workday_minutes", "overtime_restday_minutes", "overtime_holiday_minutes",
    ]  # fmt: skip
    assert days.max_row == 1 + 14
    late = _row(days, 3)
    assert late[:9] == ["E001", "张伟", datetime(2027, 3, 2), "白班", "ordinary", None, "late",
                        datetime(2027, 3, 2, 8, 42, 10), datetime(2027, 3, 2, 17, 31)]  # fmt: skip
    assert late[9:] == [480, 468, 12, 0, 0, 0, 0, 0, 0, 0]
    assert (days["C3"].number_format, days["H3"].number_format) == ("yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss")
    missing = _row(days, 4)
    assert missing[4:9] == ["holiday", "厂庆", "missing", datetime(2027, 3, 3, 8, 20), None]
    assert missing[13] == 1
    night = _row(days, 9)
    assert night[1] == FORMULA_NAME
    assert night[7:9] == [datetime(2027, 3, 1, 21, 55), datetime(2027, 3, 2, 6, 3)]  # out on the next morning
    assert _row(days, 10)[6:15] == ["absent", None, None, 480, 0, 0, 0, 0, 1]
    assert days.freeze_panes == "C2"
    assert days.auto_filter.ref == "A1:S15"


def test_punches_sheet_names_everyone_and_keeps_time_cells(tmp_path: Path) -> None:
    punches = _write(tmp_path)["punches"]
    rows = list(punches.iter_rows(min_row=2, values_only=True))
    assert rows == [
        ("#98", None, datetime(2027, 3, 2, 7, 5), "face", "kiosk-2", None),
        ("E001", "张伟", datetime(2027, 3, 1, 8, 25), "face", "kiosk-1", None),
        ("E001", "张伟", datetime(2027, 3, 2, 8, 42, 10), "pin", "kiosk-1", "-forgot card"),
        ("E002", FORMULA_NAME, datetime(2027, 3, 1, 21, 55), "face", "@gate", None),
        ("E002", FORMULA_NAME, datetime(2027, 3, 2, 6, 3), "manual", None, "=1+1"),
        ("T099", "临时工", datetime(2027, 3, 2, 7, 0), "import", "kiosk-2", None),
    ]
    assert punches["C2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert punches.freeze_panes == "A2"


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    book = _write(tmp_path)
    summary = book["summary"]
    night = _header_row(summary, "E002")
    assert (summary.cell(night, 2).data_type, summary.cell(night, 2).value) == ("s", FORMULA_NAME)
    assert (summary.cell(night, 3).data_type, summary.cell(night, 3).value) == ("s", "+1")
    types = {cell.data_type for sheet in book.worksheets for row in sheet.iter_rows() for cell in row}
    assert "f" not in types


def test_print_setup_is_a4_landscape_one_page_wide(tmp_path: Path) -> None:
    for sheet in _write(tmp_path).worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0)  # 1 wide is Excel's default, so not written


def test_columns_fit_chinese_text(tmp_path: Path) -> None:
    assert display_width("张伟") == 4
    assert display_width("研发部（北京）") == 14  # the full-width brackets count 2 as well
    assert display_width("E001") == 4
    summary = _write(tmp_path)["summary"]
    assert summary.column_dimensions["C"].width >= 14
    assert summary.column_dimensions["B"].width >= len(FORMULA_NAME)


def test_a_missing_folder_leaves_no_file_and_one_line(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "timesheet.xlsx"
    with pytest.raises(InputError) as raised:
        write_timesheet_xlsx(small_timesheet(), path)
    message = str(raised.value)
    assert "\n" not in message
    assert str(path.parent) in message
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rename_keeps_the_old_file_and_leaves_no_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "timesheet.xlsx"
    path.write_bytes(b"old")

    def disk_full(source: object, destination: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(DiskFull) as raised:
        write_timesheet_xlsx(small_timesheet(), path)
    assert str(raised.value) == f"disk full: free space on {tmp_path}; {path} was not written"
    assert [entry.name for entry in tmp_path.iterdir()] == ["timesheet.xlsx"]
    assert path.read_bytes() == b"old"


def test_a_new_file_replaces_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "timesheet.xlsx"
    path.write_bytes(b"old")
    write_timesheet_xlsx(small_timesheet(), path)
    assert [entry.name for entry in tmp_path.iterdir()] == ["timesheet.xlsx"]
    assert openpyxl.load_workbook(path).sheetnames == ["summary", "days", "punches"]
    assert path.stat().st_mode & 0o777 == 0o644


def test_an_unknown_language_or_a_folder_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="en or zh_CN"):
        write_timesheet_xlsx(small_timesheet(), tmp_path / "t.xlsx", language="fr")
    with pytest.raises(InputError, match="is a folder"):
        write_timesheet_xlsx(small_timesheet(), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_empty_period_still_has_headers_legend_and_notice(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    write_timesheet_xlsx(Timesheet(START, START, (), (), (NOTICE,)), path)
    book = openpyxl.load_workbook(path)
    summary = book["summary"]
    header = _header_row(summary, "code")
    assert summary.cell(header, 18).value == datetime(2027, 3, 1)
    assert _header_row(summary, "Legend") == header + 3  # the weekday row, then one blank row
    assert summary["A2"].value == f"Notice: {NOTICE}"
    assert [book[name].max_row for name in ("days", "punches")] == [1, 1]
