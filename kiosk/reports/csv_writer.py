"""CSV exports of raw events, daily summaries and per-employee totals, ready for Excel.

Files are UTF-8 with a byte-order mark, which is what makes Excel on Windows
read Chinese names correctly. Each file is written to a temporary file in the
same folder and renamed into place, so a failure never leaves half a file, and
an old export is replaced in one step. Text cells that Excel would run as a
formula (starting with ``= + - @``) are prefixed with an apostrophe.

Column headers are stable English codes by default, for scripts; with
``language="zh_CN"`` (the app in Chinese, or ``kiosk export --language zh_CN``)
they are Chinese titles from :data:`COLUMN_TITLES`. Only the header row
changes: values (``in``/``out``, flags, dates) stay the same codes in both.
"""

from __future__ import annotations

import csv
import logging
import tempfile
from collections.abc import Iterable, Sequence
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from kiosk.errors import InputError
from kiosk.reports.files import cannot_start, check_destination, publish, write_failed
from kiosk.reports.query import ReportQuery
from kiosk.storage.models import flags_text

log = logging.getLogger("kiosk.export")

#: "utf-8-sig" writes the BOM Excel needs to recognise UTF-8.
ENCODING = "utf-8-sig"

EVENT_COLUMNS: tuple[str, ...] = (
    "date",
    "time",
    "employee_code",
    "name",
    "department",
    "type",
    "source",
    "live",
    "distance",
    "device_id",
    "utc_time",
    "utc_offset_minutes",
    "note",
    "flags",
)
SUMMARY_COLUMNS: tuple[str, ...] = (
    "date",
    "employee_code",
    "name",
    "department",
    "first_in",
    "last_out",
    "hours",
    "hours_hm",
    "events",
    "flags",
)

TOTALS_COLUMNS: tuple[str, ...] = (
    "employee_code",
    "name",
    "department",
    "days_present",
    "hours",
    "hours_hm",
    "late_days",
    "missing_check_outs",
    "days_in_progress",
)

COLUMN_TITLES: dict[str, dict[str, str]] = {
    "zh_CN": {
        "date": "日期",
        "time": "时间",
        "employee_code": "工号",
        "name": "姓名",
        "department": "部门",
        "type": "类型",
        "source": "方式",
        "live": "活体",
        "distance": "距离",
        "device_id": "设备",
        "utc_time": "UTC 时间",
        "utc_offset_minutes": "UTC 偏移（分钟）",
        "note": "备注",
        "first_in": "首次签到",
        "last_out": "最后签退",
        "hours": "工时（小时）",
        "hours_hm": "工时（时:分）",
        "events": "记录数",
        "flags": "标记",
        "days_present": "出勤天数",
        "late_days": "迟到天数",
        "missing_check_outs": "缺少签退",
        "days_in_progress": "进行中天数",
    },
}
"""Header titles per export language, by column code; English ("en") uses the codes themselves.
Kept here, not in a Qt catalogue, so the command line (which never imports Qt)
and the app write the same headers."""

EXPORT_LANGUAGES: tuple[str, ...] = ("en", *COLUMN_TITLES)
"""Languages an export's header row can be written in."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def column_titles(columns: Sequence[str], language: str = "en") -> list[str]:
    """The header row for ``columns`` in ``language`` (``"en"``: the codes; see :data:`COLUMN_TITLES`)."""
    if language not in EXPORT_LANGUAGES:
        raise InputError(f"Exports can be written in {' or '.join(EXPORT_LANGUAGES)}, not {language!r}.")
    titles = COLUMN_TITLES.get(language, {})
    return [titles.get(column, column) for column in columns]


def write_events_csv(query: ReportQuery, path: str | Path, language: str = "en") -> int:
    """Write every event of ``query``'s period (its employee filter applied) to ``path``; return the row count.

    ``date``/``time`` are the kiosk's local time; ``utc_time`` is ISO 8601 UTC;
    ``distance`` has 4 decimals (empty for PIN and manual events). ``flags``
    lists codes such as ``clock_suspect`` (the kiosk's clock looked wrong when it
    stamped the punch, and HR has not yet confirmed or fixed it), comma-separated.
    ``language`` picks the header row (:func:`column_titles`).
    """
    header = column_titles(EVENT_COLUMNS, language)
    rows = []
    for employee, event in query.events():
        local = event.at_local
        rows.append(
            (
                local.date().isoformat(),
                local.strftime("%H:%M:%S"),
                formula_safe(employee.code),
                formula_safe(employee.name),
                formula_safe(employee.department),
                event.kind,
                event.source,
                "yes" if event.live else "no",
                "" if event.distance is None else f"{event.distance:.4f}",
                formula_safe(event.device_id),
                event.at_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
                str(event.utc_offset_minutes),
                formula_safe(event.note),
                flags_text(event.flags),
            )
        )
    write_csv_atomically(Path(path), header, rows)
    log.info("wrote %d events to %s", len(rows), path)
    return len(rows)


def write_summary_csv(query: ReportQuery, path: str | Path, language: str = "en") -> int:
    """Write one row per employee per local day of ``query`` (:meth:`ReportQuery.day_summaries`;
    a still-open today is ``in_progress``); return the row count.

    ``hours`` is decimal hours rounded to 2 places (for sums in Excel);
    ``hours_hm`` is h:mm truncated to the minute, as a clock would show it.
    ``flags`` are joined with spaces. ``language`` picks the header row.
    """
    header = column_titles(SUMMARY_COLUMNS, language)
    rows = [
        (
            summary.day.isoformat(),
            formula_safe(summary.code),
            formula_safe(summary.name),
            formula_safe(summary.department),
            summary.first_in.strftime("%H:%M:%S") if summary.first_in else "",
            summary.last_out.strftime("%H:%M:%S") if summary.last_out else "",
            decimal_hours(summary.worked),
            hours_minutes(summary.worked),
            str(summary.events),
            " ".join(summary.flags),
        )
        for summary in query.day_summaries()
    ]
    write_csv_atomically(Path(path), header, rows)
    log.info("wrote %d day summaries to %s", len(rows), path)
    return len(rows)


def write_totals_csv(query: ReportQuery, path: str | Path, language: str = "en") -> int:
    """Write one row per employee with their totals over ``query``'s period
    (:meth:`ReportQuery.totals`); return the row count.

    ``hours``/``hours_hm`` as in :func:`write_summary_csv`; ``late_days`` and
    ``missing_check_outs`` count days so flagged; ``days_in_progress`` is 1
    while today is still open, so the hours will still grow.
    """
    header = column_titles(TOTALS_COLUMNS, language)
    rows = [
        (
            formula_safe(total.code),
            formula_safe(total.name),
            formula_safe(total.department),
            str(total.days_present),
            decimal_hours(total.worked),
            hours_minutes(total.worked),
            str(total.late_days),
            str(total.missing_outs),
            str(total.days_in_progress),
        )
        for total in query.totals()
    ]
    write_csv_atomically(Path(path), header, rows)
    log.info("wrote totals of %d employees to %s", len(rows), path)
    return len(rows)


def decimal_hours(worked: timedelta) -> str:
    """``worked`` in hours with 2 decimals, rounded half up (8 h 34 min → ``"8.57"``)."""
    seconds = Decimal(round(worked.total_seconds() * 1_000_000)) / Decimal(1_000_000)
    return str((seconds / Decimal(3600)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def hours_minutes(worked: timedelta) -> str:
    """``worked`` as ``h:mm``, whole minutes truncated (8 h 34 min 59 s → ``"8:34"``)."""
    minutes = int(worked.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def formula_safe(text: str) -> str:
    """``text`` as a spreadsheet keeps it: an apostrophe before what Excel would run as a formula
    (``= + - @``, tab, carriage return). Every CSV the kiosk writes passes user text through it."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_csv_atomically(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Write ``header`` and ``rows`` to ``path`` (UTF-8 with a BOM), replacing it in one step
    (:mod:`kiosk.reports.files`): the one CSV writer every export goes through."""
    check_destination(path, "attendance.csv")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise cannot_start(path.parent, path, error) from error
    try:
        with open(handle, "w", encoding=ENCODING, newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(header)
            writer.writerows(rows)
        publish(Path(temp_name), path)
    except BaseException as error:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise write_failed(path, error, "close it if it is open in Excel and try again.") from error
        raise
