"""Each sheet of the timesheet as CSV: the workbook's columns and titles, the CSV exports' BOM and formula guard."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from test_xlsx import FORMULA_NAME, small_timesheet  # the same hand-built week as the workbook's tests

from kiosk.attendance.records import Staff
from kiosk.errors import InputError
from kiosk.reports.timesheet_csv import write_timesheet_csv
from kiosk.reports.xlsx import write_timesheet_xlsx


def _read(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_summary_is_utf8_with_bom_hours_with_two_decimals_and_day_symbols(tmp_path: Path) -> None:
    path = tmp_path / "summary.csv"
    assert write_timesheet_csv(small_timesheet(), path, "summary") == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    header, zhang, night = _read(path)
    assert header[:5] == ["code", "name", "department", "shift", "scheduled_days"]
    assert header[17:] == [f"2027-03-0{day}" for day in range(1, 8)]
    assert zhang[:17] == ["E001", "张伟", "研发部（北京）", "白班", "5", "4", "1", "12", "1", "40", "1", "0",
                          "8.00", "0.00", "3.33", "0.00", "34.47"]  # fmt: skip
    assert zhang[17:] == ["✓", "L", "M", "LV", "E", "–", "OT"]
    assert night[17:] == ["✓", "A", "H", "L/E", "/", "–", "…"]


def test_text_that_looks_like_a_formula_gets_an_apostrophe(tmp_path: Path) -> None:
    write_timesheet_csv(small_timesheet(), tmp_path / "summary.csv", "summary")
    night = _read(tmp_path / "summary.csv")[2]
    assert night[1:3] == ["'" + FORMULA_NAME, "'+1"]
    write_timesheet_csv(small_timesheet(), tmp_path / "punches.csv", "punches", staff=[Staff(99, "T099", "临时工")])
    rows = _read(tmp_path / "punches.csv")
    assert rows[3] == ["E001", "张伟", "2027-03-02 08:42:10", "pin", "kiosk-1", "'-forgot card"]
    assert rows[4] == ["E002", "'" + FORMULA_NAME, "2027-03-01 21:55:00", "face", "'@gate", ""]
    assert rows[5][5] == "'=1+1"
    assert rows[6][:2] == ["T099", "临时工"]


def test_days_have_iso_dates_local_times_and_minutes(tmp_path: Path) -> None:
    path = tmp_path / "days.csv"
    assert write_timesheet_csv(small_timesheet(), path, "days") == 14
    rows = _read(path)
    assert rows[2] == ["E001", "张伟", "2027-03-02", "白班", "ordinary", "", "late", "2027-03-02 08:42:10",
                       "2027-03-02 17:31:00", "480", "468", "12", "0", "0", "0", "0", "0", "0", "0"]  # fmt: skip
    assert rows[8][7:9] == ["2027-03-01 21:55:00", "2027-03-02 06:03:00"]  # the night shift ends next morning
    assert rows[3][4:7] == ["holiday", "厂庆", "missing"]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_sheet_has_the_workbooks_titles(tmp_path: Path, language: str) -> None:
    workbook = tmp_path / "timesheet.xlsx"
    write_timesheet_xlsx(small_timesheet(), workbook, language=language)
    book = openpyxl.load_workbook(workbook)
    first = "code" if language == "en" else "工号"
    for sheet in ("summary", "days", "punches"):
        write_timesheet_csv(small_timesheet(), tmp_path / f"{sheet}.csv", sheet, language)  # type: ignore[arg-type]
        header = _read(tmp_path / f"{sheet}.csv")[0]
        titles = next(row for row in book[sheet].iter_rows(values_only=True) if row[0] == first)
        assert header[:17] == list(titles[:17])
        assert len(header) == len(titles)


def test_chinese_days_use_chinese_labels(tmp_path: Path) -> None:
    write_timesheet_csv(small_timesheet(), tmp_path / "days.csv", "days", "zh_CN")
    rows = _read(tmp_path / "days.csv")
    assert rows[0][:3] == ["工号", "姓名", "日期"]
    assert rows[3][4:7] == ["节假日", "厂庆", "缺卡"]
    assert rows[2][6] == "迟到"


def test_bad_sheet_language_or_folder_is_one_line_and_no_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="summary, days, punches"):
        write_timesheet_csv(small_timesheet(), tmp_path / "x.csv", "totals")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="en or zh_CN"):
        write_timesheet_csv(small_timesheet(), tmp_path / "x.csv", "days", "fr")
    missing = tmp_path / "missing" / "days.csv"
    with pytest.raises(InputError) as raised:
        write_timesheet_csv(small_timesheet(), missing, "days")
    assert "\n" not in str(raised.value)
    assert str(missing.parent) in str(raised.value)
    assert list(tmp_path.iterdir()) == []
