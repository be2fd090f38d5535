"""Any one sheet of the 考勤汇总 workbook as CSV, for scripts and for people who want CSV.

The columns, titles and rows are the workbook's own (:func:`kiosk.reports.xlsx.sheet_columns`,
:func:`~kiosk.reports.xlsx.sheet_rows`, :data:`~kiosk.reports.xlsx.COLUMN_TITLES`), so
the two never disagree. The file is written as :mod:`kiosk.reports.csv_writer`
writes its exports, through the same (private) helpers: UTF-8 with a BOM for
Excel, text that Excel would run as a formula prefixed with an apostrophe, a
temporary file renamed into place.

Cells as text: dates ``YYYY-MM-DD``, first in / last out and punch times
``YYYY-MM-DD HH:MM:SS`` (local), hours with two decimals rounded half up
(``decimal_hours``, as the other exports), whole minutes and 0/1 flags as
integers. The summary's per-day columns are headed by ISO dates and hold the
same symbols as the workbook. Notices and the legend are not written: a CSV
has one table, so the caller shows ``timesheet.notices`` itself.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.attendance.records import DayStatus, Staff, Timesheet
from kiosk.errors import InputError
from kiosk.reports.csv_writer import decimal_hours, formula_safe, write_csv_atomically
from kiosk.reports.xlsx import (
    SHEETS,
    STATUS_SYMBOLS,
    Column,
    Kind,
    Sheet,
    check_language,
    column_title,
    sheet_columns,
    sheet_rows,
)

log = logging.getLogger("kiosk.reports")


def write_timesheet_csv(
    timesheet: Timesheet,
    path: str | Path,
    sheet: Sheet,
    language: str = "en",
    *,
    staff: Sequence[Staff] = (),
) -> int:
    """Write ``sheet`` (``"summary"``, ``"days"`` or ``"punches"``) of ``timesheet`` to ``path``; return the rows.

    ``language`` and ``staff`` as in :func:`kiosk.reports.xlsx.write_timesheet_xlsx`.
    Raises :class:`InputError` for an unknown sheet or language, or a path
    that cannot be written (one line naming it).
    """
    if sheet not in SHEETS:
        raise InputError(f"A timesheet has the sheets {', '.join(SHEETS)}, not {sheet!r}.")
    check_language(language)
    columns = sheet_columns(timesheet, sheet)
    header = [column_title(column.code, language) for column in columns]  # a day's column: its ISO date
    symbols = STATUS_SYMBOLS[language]
    rows = [
        [_text(column, value, symbols) for column, value in zip(columns, values, strict=True)]
        for values in sheet_rows(timesheet, sheet, language, staff)
    ]
    write_csv_atomically(Path(path), header, rows)
    log.info("wrote %d rows of the timesheet's %s to %s", len(rows), sheet, path)
    return len(rows)


def _text(column: Column, value: Any, symbols: Mapping[DayStatus, str]) -> str:
    """One cell as CSV text (see the module docstring); user text goes through the formula guard."""
    if value is None:
        return ""
    if column.kind is Kind.TEXT:
        return formula_safe(value)
    if column.kind is Kind.HOURS:
        return decimal_hours(timedelta(minutes=value))
    if column.kind is Kind.STATUS:
        return symbols[value]
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
