"""CSV exports: UTF-8 with BOM for Excel, written atomically."""

from __future__ import annotations

import codecs
import csv
from datetime import date, datetime, time, timedelta

import pytest
from clocks import CHINA

from kiosk.attendance.scan import AttendanceRules
from kiosk.errors import InputError
from kiosk.reports.csv_writer import (
    EVENT_COLUMNS,
    SUMMARY_COLUMNS,
    decimal_hours,
    hours_minutes,
    write_csv_atomically,
    write_events_csv,
    write_summary_csv,
)
from kiosk.reports.query import ReportQuery


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 5, day, hour, minute, tzinfo=CHINA)


def _read(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture
def workday(repo, employee, clock):
    rules = AttendanceRules(repo, clock, device_id="door-1")
    for moment in (_at(6, 8, 55), _at(6, 12), _at(6, 13), _at(6, 18, 29), _at(7, 9, 10)):
        rules.register(employee, distance=0.41234, live=True, at=moment)
    return employee


def test_events_csv_has_bom_header_and_chinese_names(repo, workday, tmp_path):
    path = tmp_path / "events.csv"
    assert write_events_csv(ReportQuery(repo, date(2024, 5, 6), date(2024, 5, 7)), path) == 5
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert raw.count(codecs.BOM_UTF8) == 1
    assert "张伟".encode() in raw
    rows = _read(path)
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert rows[0] == {
        "date": "2024-05-06",
        "time": "08:55:00",
        "employee_code": "E001",
        "name": "张伟",
        "department": "研发",
        "type": "in",
        "source": "face",
        "live": "yes",
        "distance": "0.4123",
        "device_id": "door-1",
        "utc_time": "2024-05-06T00:55:00Z",
        "utc_offset_minutes": "480",
        "note": "",
        "flags": "",
    }
    assert [(r["date"], r["time"], r["type"]) for r in rows[1:]] == [
        ("2024-05-06", "12:00:00", "out"),
        ("2024-05-06", "13:00:00", "in"),
        ("2024-05-06", "18:29:00", "out"),
        ("2024-05-07", "09:10:00", "in"),
    ]


def test_events_csv_filters_by_employee_and_local_dates(repo, workday, clock, tmp_path):
    other = repo.employees.add("E002", "李娜")
    repo.events.add_manual(other.id, "in", _at(6, 9), 480, reason="camera down")
    path = tmp_path / "events.csv"
    assert write_events_csv(ReportQuery(repo, date(2024, 5, 6), date(2024, 5, 6), employee_code="E002"), path) == 1
    [row] = _read(path)
    assert (row["name"], row["source"], row["live"], row["distance"], row["note"]) == (
        "李娜",
        "manual",
        "no",
        "",
        "camera down",
    )
    assert write_events_csv(ReportQuery(repo, date(2024, 5, 7), date(2024, 5, 7)), path) == 1
    with pytest.raises(InputError, match="E404"):
        write_events_csv(ReportQuery(repo, date(2024, 5, 7), date(2024, 5, 7), employee_code="E404"), path)


def test_summary_csv_hours_and_flags(repo, workday, tmp_path):
    path = tmp_path / "summary.csv"
    assert write_summary_csv(ReportQuery(repo, date(2024, 5, 6), date(2024, 5, 7), start_time=time(9, 0)), path) == 2
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    monday, tuesday = _read(path)
    assert tuple(monday) == SUMMARY_COLUMNS
    assert monday == {
        "date": "2024-05-06",
        "employee_code": "E001",
        "name": "张伟",
        "department": "研发",
        "first_in": "08:55:00",
        "last_out": "18:29:00",
        "hours": "8.57",
        "hours_hm": "8:34",
        "events": "4",
        "flags": "",
    }
    shown = (tuesday["first_in"], tuesday["last_out"], tuesday["hours"], tuesday["hours_hm"])
    assert shown == ("09:10:00", "", "0.00", "0:00")
    assert tuesday["flags"] == "late missing_out"


def test_summary_csv_filters_by_department(repo, workday, tmp_path):
    path = tmp_path / "summary.csv"
    assert write_summary_csv(ReportQuery(repo, date(2024, 5, 6), date(2024, 5, 7), department="销售"), path) == 0
    assert _read(path) == []
    assert path.read_bytes() == codecs.BOM_UTF8 + ",".join(SUMMARY_COLUMNS).encode() + b"\r\n"


def test_bad_range_raises_and_writes_nothing(repo, workday, tmp_path):
    path = tmp_path / "out.csv"
    with pytest.raises(InputError, match="before the start"):
        write_events_csv(ReportQuery(repo, date(2024, 5, 7), date(2024, 5, 6)), path)
    with pytest.raises(InputError, match="before the start"):
        write_summary_csv(ReportQuery(repo, date(2024, 5, 7), date(2024, 5, 6)), path)
    assert not path.exists()


def test_existing_file_is_replaced_and_no_temp_file_left(repo, workday, tmp_path):
    path = tmp_path / "export" / "events.csv"
    path.parent.mkdir()
    path.write_text("old contents that are longer than nothing\n" * 100)
    write_events_csv(ReportQuery(repo, date(2024, 5, 6), date(2024, 5, 6)), path)
    assert len(_read(path)) == 4
    assert [p.name for p in path.parent.iterdir()] == ["events.csv"]


def test_failure_mid_write_leaves_old_file_untouched(tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes(b"previous export\n")

    def rows():
        yield ("2024-05-06", "张伟")
        raise RuntimeError("disk pulled out")

    with pytest.raises(RuntimeError, match="disk pulled out"):
        write_csv_atomically(path, ("date", "name"), rows())
    assert path.read_bytes() == b"previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_unwritable_destinations_raise_input_error(repo, workday, tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        write_events_csv(ReportQuery(repo, date(2024, 5, 6), date(2024, 5, 6)), tmp_path / "missing" / "e.csv")
    with pytest.raises(InputError, match="is a folder"):
        write_events_csv(ReportQuery(repo, date(2024, 5, 6), date(2024, 5, 6)), tmp_path)


def test_formula_like_text_is_defused_for_excel(repo, clock, tmp_path):
    sneaky = repo.employees.add("E003", "=HYPERLINK(\"http://x\",\"click\")", "-sales")
    repo.events.add_manual(sneaky.id, "in", _at(6, 9), 480, reason="@admin fixed")
    path = tmp_path / "events.csv"
    write_events_csv(ReportQuery(repo, date(2024, 5, 6), date(2024, 5, 6)), path)
    [row] = _read(path)
    assert row["name"] == "'=HYPERLINK(\"http://x\",\"click\")"
    assert row["department"] == "'-sales" and row["note"] == "'@admin fixed"


@pytest.mark.parametrize(
    "worked, decimal, clock_text",
    [
        (timedelta(0), "0.00", "0:00"),
        (timedelta(hours=8, minutes=34), "8.57", "8:34"),
        (timedelta(hours=8, minutes=34, seconds=59), "8.58", "8:34"),
        (timedelta(minutes=3), "0.05", "0:03"),
        (timedelta(hours=12, minutes=30), "12.50", "12:30"),
        (timedelta(seconds=18), "0.01", "0:00"),  # 0.005 h rounds half up
    ],
)
def test_hour_formats(worked, decimal, clock_text):
    assert decimal_hours(worked) == decimal
    assert hours_minutes(worked) == clock_text


def test_totals_csv_one_row_per_employee_with_excel_safe_text(repo, workday, clock, tmp_path):
    from kiosk.reports.csv_writer import TOTALS_COLUMNS, write_totals_csv

    trap = repo.employees.add("=1+2", "@SUM(A1)", "-dept")
    AttendanceRules(repo, clock).register(trap, distance=None, live=True, at=_at(7, 9, 30))
    path = tmp_path / "totals.csv"
    query = ReportQuery(repo, date(2024, 5, 6), date(2024, 5, 7), start_time=time(9, 0), today=date(2024, 5, 8))
    rows = write_totals_csv(query, path)
    assert rows == 2
    assert [tuple(row.values()) for row in _read(path)] == [
        ("'=1+2", "'@SUM(A1)", "'-dept", "1", "0.00", "0:00", "1", "1", "0"),
        ("E001", "张伟", "研发", "2", "8.57", "8:34", "1", "1", "0"),
    ]
    assert tuple(_read(path)[0]) == TOTALS_COLUMNS


def test_header_row_in_chinese_on_request_codes_by_default(repo, workday, tmp_path):
    from kiosk.reports.csv_writer import COLUMN_TITLES, EVENT_COLUMNS, SUMMARY_COLUMNS, TOTALS_COLUMNS

    every_column = {*EVENT_COLUMNS, *SUMMARY_COLUMNS, *TOTALS_COLUMNS}
    assert set(COLUMN_TITLES["zh_CN"]) == every_column  # no column left in English
    path = tmp_path / "s.csv"
    write_summary_csv(ReportQuery(repo, date(2024, 5, 6), date(2024, 5, 6)), path, language="zh_CN")
    header, row = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert header[:3] == ["日期", "工号", "姓名"] and row[:3] == ["2024-05-06", "E001", "张伟"]
    with pytest.raises(InputError, match="en or zh_CN"):
        write_events_csv(ReportQuery(repo, date(2024, 5, 6), date(2024, 5, 6)), path, language="fr")
