"""``kiosk export`` for payroll: the period (``--month`` or ``--from``/``--to``) and the 考勤汇总 timesheet.

``--format xlsx`` writes the workbook (summary, days, punches); ``--sheet``
writes one of its sheets as CSV. Without either, ``kiosk export`` writes the
CSV exports it always did (:func:`kiosk.cli.records.cmd_export`). A timesheet's
notices (a year whose statutory holidays this version does not know) go to
stderr as well as into the report.
"""

from __future__ import annotations

import argparse
import calendar
import re
import sys
from datetime import date, datetime
from pathlib import Path

from kiosk.cli.common import open_repo, parse_date
from kiosk.errors import InputError

_MONTH = re.compile(r"(\d{4})-(\d{2})")


def export_period(args: argparse.Namespace) -> tuple[date, date]:
    """The first and last local date asked for: ``--month YYYY-MM``, or ``--from`` and ``--to``."""
    month, start, end = getattr(args, "month", None), args.start, args.end
    if month is not None:
        if start is not None or end is not None:
            raise InputError("give --month, or --from and --to, not both")
        match = _MONTH.fullmatch(month.strip())
        if match is None or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
            raise InputError(f"--month must be a month like 2025-10, not {month!r}")
        year, number = int(match.group(1)), int(match.group(2))
        return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])
    if start is None or end is None:
        raise InputError("give the period: --month YYYY-MM, or --from DATE and --to DATE")
    return parse_date(start, "--from"), parse_date(end, "--to")


def wants_timesheet(args: argparse.Namespace) -> bool:
    """True if the export is the payroll timesheet (``--format xlsx`` or ``--sheet``); refuses mixed options."""
    workbook = getattr(args, "format", "csv") == "xlsx"
    sheet = getattr(args, "sheet", None)
    if not (workbook or sheet):
        return False
    if args.summary or args.totals:
        raise InputError("--summary and --totals are the attendance CSVs; leave them out for the timesheet")
    if workbook and sheet:
        raise InputError("--sheet writes one sheet as CSV; the xlsx workbook holds all three, so leave --sheet out")
    return True


def export_timesheet(args: argparse.Namespace, start: date, end: date) -> int:
    """Write the timesheet as xlsx (``--format xlsx``) or one sheet as CSV (``--sheet``)."""
    from kiosk.reports.timesheet_csv import write_timesheet_csv
    from kiosk.reports.timesheet_query import load_timesheet
    from kiosk.reports.xlsx import write_timesheet_xlsx

    out = Path(args.out)
    today = datetime.now().astimezone().date()
    _path, repo = open_repo(args, "read")
    with repo:
        timesheet = load_timesheet(
            repo, start, end, today=today, employee_code=args.employee, department=args.department
        )
    for notice in timesheet.notices:
        print(f"kiosk: note: {notice}", file=sys.stderr)
    people = len(timesheet.people)
    if args.format == "xlsx":
        write_timesheet_xlsx(timesheet, out, language=args.export_language)
        print(f"wrote the timesheet of {people} {'person' if people == 1 else 'people'} "
              f"from {start} to {end} to {out}")  # fmt: skip
    else:
        rows = write_timesheet_csv(timesheet, out, args.sheet, args.export_language)
        print(f"wrote {rows} {'row' if rows == 1 else 'rows'} of the timesheet's {args.sheet} to {out}")
    return 0
