"""The monthly 考勤汇总 workbook: a month grid per person, every day and every punch, for HR and payroll.

Three sheets, with these names in every language (scripts find them): ``summary`` (a title with
the period, the timesheet's notices, one row per employee with totals and one coloured symbol per
day, then a legend; the header rows and code/name columns frozen), ``days`` (one row per employee
per day, in whole minutes) and ``punches`` (every punch, with the employee's code and name).

Dates and times are date cells (local wall-clock time, as in :mod:`kiosk.attendance.records`).
Hours are numbers, ``minutes / 60`` unrounded and shown with two decimals, so Excel's SUM of a
column is the exact total. Every text that came from people is written with ``write_string``, so
a name such as ``=HYPERLINK(...)`` stays text and never runs as a formula. The columns, titles
(:data:`COLUMN_TITLES`) and rows (:func:`sheet_rows`) are shared with
:mod:`kiosk.reports.timesheet_csv` and with screens. XlsxWriter runs in ``constant_memory``
mode: each row goes to disk as it is written, so memory does not grow with the month.
"""

from __future__ import annotations

import enum
import functools
import logging
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from xlsxwriter.exceptions import FileCreateError  # type: ignore[import-untyped]
from xlsxwriter.workbook import Workbook  # type: ignore[import-untyped]

from kiosk.attendance.records import DayStatus, PersonPeriod, Staff, Timesheet
from kiosk.errors import InputError
from kiosk.reports.files import cannot_start, check_destination, publish, write_failed

log = logging.getLogger("kiosk.reports")

Sheet = Literal["summary", "days", "punches"]
SHEETS: tuple[Sheet, ...] = ("summary", "days", "punches")
TIMESHEET_LANGUAGES: tuple[str, ...] = ("en", "zh_CN")
"""Languages of titles, symbols and labels; ``"en"`` titles are the column codes themselves, for scripts."""


class Kind(enum.Enum):
    """What a column holds, which decides the cell type and format in each writer."""

    TEXT = "text"  # str; from people, so always written as a string
    INTEGER = "integer"  # int: counts, whole minutes, 0/1 flags
    HOURS = "hours"  # int minutes in the row; a number of hours (minutes / 60, "0.00") in the file
    DATE = "date"  # datetime.date
    DATETIME = "datetime"  # local naive datetime, or None for no punch
    STATUS = "status"  # DayStatus, or None for a day outside the person's days: a symbol in the file


@dataclass(frozen=True)
class Column:
    """One column: its code (the English title) and kind; ``day`` is set on the summary's per-day columns."""

    code: str
    kind: Kind
    day: date | None = None


Cell = str | int | date | datetime | DayStatus | None


def _columns(*columns: tuple[str, Kind]) -> tuple[Column, ...]:
    return tuple(Column(code, kind) for code, kind in columns)


_T, _I, _H = Kind.TEXT, Kind.INTEGER, Kind.HOURS
SUMMARY_COLUMNS = _columns(
    ("code", _T), ("name", _T), ("department", _T), ("shift", _T), ("scheduled_days", _I), ("days_present", _I),
    ("late_count", _I), ("late_minutes", _I), ("early_leave_count", _I), ("early_leave_minutes", _I),
    ("missing_punch_count", _I), ("absent_days", _I), ("leave_hours", _H), ("overtime_workday_hours", _H),
    ("overtime_restday_hours", _H), ("overtime_holiday_hours", _H), ("worked_hours", _H),
)  # fmt: skip
DAY_COLUMNS = _columns(
    ("code", _T), ("name", _T), ("date", Kind.DATE), ("shift", _T), ("day_kind", _T), ("holiday", _T),
    ("status", _T), ("first_in", Kind.DATETIME), ("last_out", Kind.DATETIME), ("scheduled_minutes", _I),
    ("worked_minutes", _I), ("late_minutes", _I), ("early_leave_minutes", _I), ("missing_punch", _I),
    ("absent", _I), ("leave_minutes", _I), ("overtime_workday_minutes", _I), ("overtime_restday_minutes", _I),
    ("overtime_holiday_minutes", _I),
)  # fmt: skip
PUNCH_COLUMNS = _columns(
    ("code", _T), ("name", _T), ("time", Kind.DATETIME), ("source", _T), ("device", _T), ("note", _T)
)

COLUMN_TITLES: dict[str, dict[str, str]] = {
    "zh_CN": {
        "code": "工号", "name": "姓名", "department": "部门", "shift": "班次", "scheduled_days": "应出勤天数",
        "days_present": "实际出勤天数", "late_count": "迟到次数", "late_minutes": "迟到时长（分钟）",
        "early_leave_count": "早退次数", "early_leave_minutes": "早退时长（分钟）", "missing_punch_count": "缺卡次数",
        "absent_days": "旷工天数", "leave_hours": "请假时长（小时）", "overtime_workday_hours": "工作日加班（小时）",
        "overtime_restday_hours": "休息日加班（小时）", "overtime_holiday_hours": "节假日加班（小时）",
        "worked_hours": "工作时长（小时）", "date": "日期", "day_kind": "日期类型", "holiday": "节假日名称",
        "status": "考勤结果", "first_in": "上班打卡", "last_out": "下班打卡", "scheduled_minutes": "应出勤（分钟）",
        "worked_minutes": "工作时长（分钟）", "missing_punch": "缺卡", "absent": "旷工",
        "leave_minutes": "请假时长（分钟）", "overtime_workday_minutes": "工作日加班（分钟）",
        "overtime_restday_minutes": "休息日加班（分钟）", "overtime_holiday_minutes": "节假日加班（分钟）",
        "time": "打卡时间", "source": "打卡方式", "device": "设备", "note": "备注",
    },
}  # fmt: skip
"""Column titles per language, by column code: one table for the xlsx, the CSV and screens (:func:`column_title`)."""

_S = DayStatus
STATUS_SYMBOLS: dict[str, dict[DayStatus, str]] = {
    "en": {_S.ABSENT: "A", _S.MISSING_PUNCH: "M", _S.LATE_AND_EARLY: "L/E", _S.LATE: "L", _S.EARLY_LEAVE: "E",
           _S.LEAVE: "LV", _S.OVERTIME: "OT", _S.NORMAL: "✓", _S.HOLIDAY: "H", _S.REST: "–",
           _S.NOT_EMPLOYED: "/", _S.IN_PROGRESS: "…"},
    "zh_CN": {_S.ABSENT: "旷", _S.MISSING_PUNCH: "缺", _S.LATE_AND_EARLY: "迟/早", _S.LATE: "迟", _S.EARLY_LEAVE: "早",
              _S.LEAVE: "假", _S.OVERTIME: "加", _S.NORMAL: "√", _S.HOLIDAY: "节", _S.REST: "休",
              _S.NOT_EMPLOYED: "/", _S.IN_PROGRESS: "…"},
}  # fmt: skip
"""The month grid's one symbol per day and status."""
STATUS_NAMES: dict[str, dict[DayStatus, str]] = {
    "en": {_S.ABSENT: "absent", _S.MISSING_PUNCH: "missing punch", _S.LATE_AND_EARLY: "late and left early",
           _S.LATE: "late", _S.EARLY_LEAVE: "left early", _S.LEAVE: "on leave", _S.OVERTIME: "overtime",
           _S.NORMAL: "normal", _S.HOLIDAY: "holiday", _S.REST: "rest day", _S.NOT_EMPLOYED: "not employed",
           _S.IN_PROGRESS: "not over yet"},
    "zh_CN": {_S.ABSENT: "旷工", _S.MISSING_PUNCH: "缺卡", _S.LATE_AND_EARLY: "迟到且早退", _S.LATE: "迟到",
              _S.EARLY_LEAVE: "早退", _S.LEAVE: "请假", _S.OVERTIME: "加班", _S.NORMAL: "正常", _S.HOLIDAY: "节假日",
              _S.REST: "休息", _S.NOT_EMPLOYED: "未在职", _S.IN_PROGRESS: "未结束"},
}  # fmt: skip
"""What each status means, for the legend and (in Chinese) the ``days`` sheet; English rows keep the codes."""
STATUS_COLOURS: dict[DayStatus, tuple[str, str]] = {
    _S.ABSENT: ("#FFC7CE", "#9C0006"), _S.MISSING_PUNCH: ("#F8CBAD", "#843C0C"),
    _S.LATE_AND_EARLY: ("#FFEB9C", "#7F6000"), _S.LATE: ("#FFEB9C", "#7F6000"), _S.EARLY_LEAVE: ("#FFEB9C", "#7F6000"),
    _S.LEAVE: ("#BDD7EE", "#1F4E78"), _S.OVERTIME: ("#C6EFCE", "#006100"), _S.HOLIDAY: ("#D9D9D9", "#404040"),
    _S.REST: ("#D9D9D9", "#404040"), _S.NOT_EMPLOYED: ("#F2F2F2", "#808080"),
}  # fmt: skip
"""(fill, font) per status: red absent, orange missing, yellow late/early, blue leave, grey off, green overtime.
Normal and not-yet-over days stay white so the exceptions stand out."""

_TEXTS: dict[str, dict[str, str]] = {
    "en": {"title": "Attendance {start} to {end}", "notice": "Notice: ", "legend": "Legend",
           "kind.ordinary": "ordinary", "kind.holiday": "holiday", "kind.makeup_workday": "makeup_workday",
           "weekdays": "Mon Tue Wed Thu Fri Sat Sun"},
    "zh_CN": {"title": "考勤汇总 {start} 至 {end}", "notice": "注意：", "legend": "图例", "kind.ordinary": "平日",
              "kind.holiday": "节假日", "kind.makeup_workday": "调休上班", "weekdays": "一 二 三 四 五 六 日",
              "source.face": "人脸", "source.pin": "PIN 码", "source.manual": "补卡", "source.import": "导入"},
}  # fmt: skip
"""Everything else a reader sees: the title, notice prefix, legend heading, day kinds, weekdays, punch sources."""


def column_title(code: str, language: str = "en") -> str:
    """The title of column ``code`` in ``language`` (``"en"``: the code itself)."""
    return COLUMN_TITLES.get(language, {}).get(code, code)


def check_language(language: str) -> None:
    """Raise :class:`InputError` unless ``language`` is one of :data:`TIMESHEET_LANGUAGES`."""
    if language not in TIMESHEET_LANGUAGES:
        raise InputError(f"Timesheets can be written in {' or '.join(TIMESHEET_LANGUAGES)}, not {language!r}.")


def period_days(timesheet: Timesheet) -> list[date]:
    """Every date from ``timesheet.start`` to ``timesheet.end``, inclusive."""
    return [timesheet.start + timedelta(days=n) for n in range((timesheet.end - timesheet.start).days + 1)]


def sheet_columns(timesheet: Timesheet, sheet: Sheet) -> tuple[Column, ...]:
    """The columns of ``sheet``: the summary ends with one :attr:`Kind.STATUS` column per day of the period."""
    if sheet == "summary":
        return SUMMARY_COLUMNS + tuple(Column(day.isoformat(), Kind.STATUS, day) for day in period_days(timesheet))
    return DAY_COLUMNS if sheet == "days" else PUNCH_COLUMNS


def sheet_rows(
    timesheet: Timesheet, sheet: Sheet, language: str = "en", staff: Sequence[Staff] = ()
) -> Iterator[tuple[Cell, ...]]:
    """The rows of ``sheet``, one value per column of :func:`sheet_columns`, in people's order.

    Hours columns hold whole minutes (each writer turns them into hours).
    Punches are sorted by code, then time; their code and name come from
    ``timesheet.people``, else ``staff``, else ``("#<employee id>", "")``.
    """
    check_language(language)
    texts = _TEXTS[language]
    if sheet == "summary":
        days = period_days(timesheet)
        for person in timesheet.people:
            statuses = {day.day: day.status for day in person.days}
            yield (
                person.code, person.name, person.department, person.shift_name, person.scheduled_days,
                person.days_present, person.late_count, person.late_minutes, person.early_leave_count,
                person.early_leave_minutes, person.missing_punch_count, person.absent_days, person.leave_minutes,
                person.overtime_workday_minutes, person.overtime_restday_minutes, person.overtime_holiday_minutes,
                person.worked_minutes, *(statuses.get(day) for day in days),
            )  # fmt: skip
    elif sheet == "days":
        names = STATUS_NAMES[language] if language != "en" else {status: status.value for status in DayStatus}
        for person in timesheet.people:
            for day in person.days:
                yield (
                    person.code, person.name, day.day, day.shift_name, texts[f"kind.{day.calendar.kind}"],
                    day.calendar.name, names[day.status], day.first_in, day.last_out, day.scheduled_minutes,
                    day.worked_minutes, day.late_minutes, day.early_leave_minutes, int(day.missing_punch),
                    int(day.absent), day.leave_minutes, day.overtime_workday_minutes, day.overtime_restday_minutes,
                    day.overtime_holiday_minutes,
                )  # fmt: skip
    else:
        people: list[Staff | PersonPeriod] = [*staff, *timesheet.people]  # the timesheet's own names win
        labels = {person.employee_id: (person.code, person.name) for person in people}
        labelled = [(labels.get(item.employee_id, (f"#{item.employee_id}", "")), item) for item in timesheet.punches]
        for (code, name), punch in sorted(labelled, key=lambda item: (item[0][0], item[1].at)):
            yield code, name, punch.at, texts.get(f"source.{punch.source}", punch.source), punch.device_id, punch.note


@functools.lru_cache(maxsize=4096)
def display_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet: East-Asian wide and full-width characters count 2 (张伟 → 4)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


_FIXED_WIDTHS = {Kind.INTEGER: 6, Kind.HOURS: 7, Kind.DATE: 10, Kind.DATETIME: 19, Kind.STATUS: 5}
"""Widths (characters) of non-text cells: up to 6-digit counts, 999.99 hours, ISO dates and date-times."""
_MAX_WIDTH = 40
"""A longer note is cut at the column's edge on screen (the cell keeps it all) rather than widening the page."""


def write_timesheet_xlsx(
    timesheet: Timesheet,
    path: str | Path,
    *,
    language: str = "en",
    staff: Sequence[Staff] = (),
) -> None:
    """Write ``timesheet`` to the workbook ``path`` (sheets ``summary``, ``days``, ``punches``), replacing it.

    ``language`` picks titles, symbols and labels (:data:`TIMESHEET_LANGUAGES`).
    ``staff`` (e.g. the list given to the rules) names punches of people who
    have no row in ``timesheet.people``; everyone else's come from there. The file
    is built in a hidden scratch folder beside ``path`` and renamed into
    place, so a failure leaves neither a half file nor scratch files behind.
    Raises :class:`InputError` (one line naming the path) if it cannot be written.
    """
    check_language(language)
    target = Path(path)
    check_destination(target, "timesheet.xlsx")
    try:
        scratch = tempfile.TemporaryDirectory(prefix=f".{target.name}.", dir=target.parent, ignore_cleanup_errors=True)
    except OSError as error:
        raise cannot_start(target.parent, target, error) from error
    with scratch as folder:
        temp = Path(folder) / target.name
        # Belt and braces: write_string is used for all text, and no string may ever become a formula or link.
        options = {"constant_memory": True, "tmpdir": folder, "strings_to_formulas": False,
                   "strings_to_urls": False, "strings_to_numbers": False}  # fmt: skip
        workbook = Workbook(str(temp), options)
        try:
            _Book(workbook, timesheet, language).write(staff)
            workbook.close()
            publish(temp, target)
        except (OSError, FileCreateError) as error:
            _abandon(workbook)
            cause = error.args[0] if isinstance(error, FileCreateError) and error.args else error
            raise write_failed(target, cause, "close it if it is open in Excel or choose another folder.") from error
        except BaseException:
            _abandon(workbook)
            raise
    log.info("wrote %s: the timesheet of %d people from %s", target, len(timesheet.people), timesheet.start)


def _abandon(workbook: Any) -> None:
    """Close the row files constant_memory keeps open, so Windows lets the scratch folder go (no public API)."""
    for worksheet in workbook.worksheets():
        worksheet._opt_close()


class _Book:
    """The formats of one workbook and the code that fills its three sheets, in order (constant_memory)."""

    def __init__(self, workbook: Any, timesheet: Timesheet, language: str) -> None:
        self.workbook, self.timesheet, self.language = workbook, timesheet, language
        self.texts = _TEXTS[language]
        add = workbook.add_format
        self.title = add({"bold": True, "font_size": 14})
        self.notice = add({"bold": True, "font_color": "#9C0006"})
        base = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center", "valign": "vcenter"}
        self.header = add({**base, "text_wrap": True})
        self.legend_heading = add({"bold": True})  # no wrap: it may run on over the name column
        dated = {**base, "num_format": "mm-dd"}
        self.day_headers = (add(dated), add({**dated, "bg_color": "#D9D9D9"}))  # weekdays, then weekend days
        self.by_kind = {Kind.HOURS: add({"num_format": "0.00"}), Kind.DATE: add({"num_format": "yyyy-mm-dd"}),
                        Kind.DATETIME: add({"num_format": "yyyy-mm-dd hh:mm:ss"})}  # fmt: skip
        centred = {"align": "center"}
        self.symbols = {status: add({**centred, "bg_color": fill, "font_color": font})
                        for status, (fill, font) in STATUS_COLOURS.items()}  # fmt: skip
        self.plain_symbol = add(centred)
        start, end = timesheet.start.isoformat(), timesheet.end.isoformat()
        self.heading = self.texts["title"].format(start=start, end=end)

    def write(self, staff: Sequence[Staff]) -> None:
        for sheet in SHEETS:
            worksheet = self.workbook.add_worksheet(sheet)
            worksheet.set_landscape()
            worksheet.set_paper(9)  # A4
            worksheet.fit_to_pages(1, 0)  # one page wide, as many pages down as it takes
            worksheet.set_header(f"&L{self.heading}&R{sheet}")
            worksheet.set_footer("&C&P / &N")
            worksheet.hide_gridlines(0)  # print the grid: HR reads these on paper
            columns = sheet_columns(self.timesheet, sheet)
            rows = sheet_rows(self.timesheet, sheet, self.language, staff)
            if sheet == "summary":
                self._summary(worksheet, columns, rows)
            else:
                self._header_row(worksheet, 0, columns)
                end = self._rows(worksheet, 1, columns, rows)
                worksheet.freeze_panes(1, 2 if sheet == "days" else 0)
                worksheet.repeat_rows(0)
                worksheet.autofilter(0, 0, max(end - 1, 1), len(columns) - 1)

    def _summary(self, worksheet: Any, columns: tuple[Column, ...], rows: Iterator[tuple[Cell, ...]]) -> None:
        """Title, notices, two header rows (titles and dates, then weekdays), people, a blank row, the legend."""
        worksheet.set_row(0, 21)
        worksheet.write_string(0, 0, self.heading, self.title)
        for index, notice in enumerate(self.timesheet.notices, start=1):
            worksheet.write_string(index, 0, self.texts["notice"] + notice, self.notice)
        header = len(self.timesheet.notices) + 2
        self._header_row(worksheet, header, columns)
        weekdays = self.texts["weekdays"].split()
        for col, column in enumerate(columns):
            if column.day is None:
                worksheet.write_blank(header + 1, col, None, self.header)
            else:
                worksheet.write_string(header + 1, col, weekdays[column.day.weekday()], self._day_header(column.day))
        end = self._rows(worksheet, header + 2, columns, rows)
        worksheet.freeze_panes(header + 2, 2)
        worksheet.repeat_rows(header, header + 1)
        worksheet.repeat_columns(0, 1)
        worksheet.write_string(end + 1, 0, self.texts["legend"], self.legend_heading)
        for row, status in enumerate(DayStatus, start=end + 2):
            worksheet.write_string(row, 0, STATUS_SYMBOLS[self.language][status], self._symbol(status))
            worksheet.write_string(row, 1, STATUS_NAMES[self.language][status])

    def _header_row(self, worksheet: Any, row: int, columns: tuple[Column, ...]) -> None:
        worksheet.set_row(row, 33)  # two lines: long titles wrap instead of widening their column
        for col, column in enumerate(columns):
            if column.day is None:
                worksheet.write_string(row, col, column_title(column.code, self.language), self.header)
            else:
                worksheet.write_datetime(row, col, column.day, self._day_header(column.day))

    def _day_header(self, day: date) -> Any:
        return self.day_headers[day.weekday() >= 5]  # Saturday and Sunday in grey

    def _symbol(self, status: DayStatus) -> Any:
        return self.symbols.get(status, self.plain_symbol)

    def _rows(self, worksheet: Any, row: int, columns: tuple[Column, ...], rows: Iterator[tuple[Any, ...]]) -> int:
        """Write ``rows`` from ``row`` on, size the columns to fit, and return the row after the last."""
        widths = [
            display_width(column_title(column.code, self.language)) // 2 if column.day is None else 0
            for column in columns
        ]
        symbols = STATUS_SYMBOLS[self.language]
        write_string, write_number, write_datetime = (
            worksheet.write_string, worksheet.write_number, worksheet.write_datetime
        )  # fmt: skip
        hours, dates, times = self.by_kind[Kind.HOURS], self.by_kind[Kind.DATE], self.by_kind[Kind.DATETIME]
        kinds = [column.kind for column in columns]
        for values in rows:
            for col, (kind, value) in enumerate(zip(kinds, values, strict=True)):
                if value is None or value == "":
                    continue  # no cell at all, so Excel's blank tests and COUNTA see an empty cell
                if kind is Kind.TEXT:
                    text = str(value)
                    write_string(row, col, text)
                    widths[col] = max(widths[col], display_width(text))
                elif kind is Kind.INTEGER:
                    write_number(row, col, value)
                elif kind is Kind.HOURS:
                    write_number(row, col, value / 60, hours)
                elif kind is Kind.STATUS:
                    write_string(row, col, symbols[value], self._symbol(value))
                else:
                    write_datetime(row, col, value, dates if kind is Kind.DATE else times)
            row += 1
        for col, (column, width) in enumerate(zip(columns, widths, strict=True)):
            fitted = max(width, _FIXED_WIDTHS.get(column.kind, 4)) + 2
            worksheet.set_column(col, col, min(fitted, _MAX_WIDTH))
        return row
