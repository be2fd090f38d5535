"""HR's commands: the roster, shifts, the company's calendar, leave and punches from another system.

Every file is read and checked before the database is touched, so a bad row
is one line (``kiosk: error: roster.csv row 7: duplicate code 0012 (also row
3)``), a non-zero exit and nothing written; what passes is written in one
transaction. Every change is audited as ``cli:<OS user>``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from kiosk.cli.common import location_of, open_repo, operator_name, parse_date
from kiosk.errors import InputError
from kiosk.storage.models import RosterChange, StoredShift
from kiosk.storage.repository import Repository

Handler = Callable[[argparse.Namespace], int]


def add_hr_parsers(sub: argparse._SubParsersAction, db_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``roster``, ``shift``, ``calendar``, ``leave`` and ``punches`` to the ``kiosk`` parser."""
    roster = sub.add_parser("roster", help="staff from a CSV or xlsx roster (code,name,department,shift)")
    actions = roster.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser("import", help="add or update staff and their shifts from FILE, all or nothing")
    db_arg(p)
    p.add_argument("file", metavar="FILE", help="CSV (UTF-8 or GBK, as Excel saves it) or xlsx")
    p.add_argument("--dry-run", action="store_true", help="print what would be added or changed; write nothing")
    p.add_argument("--from", dest="valid_from", metavar="DATE",
                   help="the roster's shifts apply from this date (default: from the start)")
    p = actions.add_parser("export", help="write the active staff as a roster CSV")
    db_arg(p)
    p.add_argument("--out", required=True, metavar="FILE")

    shift = sub.add_parser("shift", help="working times: add, list, assign")
    actions = shift.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser("add", help="add a shift (an end at or before the start is the next day)")
    db_arg(p)
    p.add_argument("--name", required=True)
    p.add_argument("--start", required=True, metavar="HH:MM")
    p.add_argument("--end", required=True, metavar="HH:MM")
    p.add_argument("--break", dest="breaks", action="append", default=[], metavar="HH:MM-HH:MM",
                   help="an unpaid break (repeatable)")
    p.add_argument("--grace-min", type=int, default=5, metavar="N", help="minutes late before it counts (default 5)")
    p.add_argument("--early-grace-min", type=int, default=0, metavar="N",
                   help="minutes early before it counts (default 0)")
    p.add_argument("--workdays", default="mon-fri", help="weekdays worked, e.g. mon-fri or mon,wed,fri")
    p.add_argument("--no-statutory-calendar", action="store_true",
                   help="work the weekdays through statutory holidays and ignore make-up workdays")
    p = actions.add_parser("list", help="list the shifts")
    db_arg(p)
    p.add_argument("--json", action="store_true")
    p = actions.add_parser("assign", help="one person or a department works SHIFT from DATE on")
    db_arg(p)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--code")
    who.add_argument("--department")
    p.add_argument("--shift", required=True, metavar="NAME")
    p.add_argument("--from", dest="valid_from", required=True, metavar="DATE")

    calendar = sub.add_parser("calendar", help="the company's own days off and workdays")
    actions = calendar.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser("set", help="make a date a day off or a workday for everyone (it wins over the statutory)")
    db_arg(p)
    p.add_argument("--date", required=True, metavar="DATE")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--off", action="store_true")
    which.add_argument("--workday", action="store_true")
    which.add_argument("--clear", action="store_true", help="remove the company's date")
    p.add_argument("--name", default="", metavar="TEXT")
    p = actions.add_parser("show", help="statutory holidays, make-up workdays and company dates of a year")
    db_arg(p)
    p.add_argument("--year", required=True, type=int)

    leave = sub.add_parser("leave", help="employees' leave")
    actions = leave.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser("add", help="record leave (a bare --to DATE means to the end of that day)")
    db_arg(p)
    p.add_argument("--code", required=True)
    p.add_argument("--from", dest="start", required=True, metavar="DATE[THH:MM]")
    p.add_argument("--to", dest="end", required=True, metavar="DATE[THH:MM]")
    p.add_argument("--type", dest="leave_type", required=True, choices=("annual", "sick", "personal", "other"))
    p.add_argument("--note", default="", metavar="TEXT")

    punches = sub.add_parser("punches", help="punches from another system")
    actions = punches.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser("import", help="import code,time[,device] punches (ISO 8601 times with offset); "
                           "the same code and time twice is one punch")  # fmt: skip
    db_arg(p)
    p.add_argument("file", metavar="FILE")


def _actor() -> str:
    return f"cli:{operator_name()}"


def _text(value: str, option: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{option} is not valid UTF-8 text; check the terminal's character encoding") from None
    return value


# --------------------------------------------------------------------- roster


def cmd_roster(args: argparse.Namespace) -> int:
    return _roster_import(args) if args.action == "import" else _roster_export(args)


def _roster_import(args: argparse.Namespace) -> int:
    """Every row is checked before anything is opened for writing; a missing database is created only then."""
    from kiosk.attendance.roster import read_roster

    valid_from = parse_date(args.valid_from, "--from") if args.valid_from else None
    location = location_of(args)
    exists = location.is_server or location.path.is_file()
    if args.dry_run:
        with _planning_repo(args, exists) as repo:
            rows = read_roster(args.file, [stored.name for stored in repo.shifts.all()])
            changes = repo.roster.plan(rows, valid_from)
        suffix = "; dry run, nothing was written"
    else:
        rows = [] if exists else read_roster(args.file, ())  # a new database has no shifts yet
        _path, repo = open_repo(args, "write" if exists else "create")
        with repo:
            if exists:
                rows = read_roster(args.file, [stored.name for stored in repo.shifts.all()])
            changes = repo.roster.apply(rows, _actor(), valid_from, source=Path(args.file).name)
        suffix = ""
    for change in changes:
        print(change.text)
    print(f"{args.file}: {_counts(changes, len(rows), dry_run=args.dry_run)}{suffix}")
    return 0


@contextmanager
def _planning_repo(args: argparse.Namespace, exists: bool) -> Iterator[Repository]:
    """The database read-only, or (when it does not exist yet) a throw-away empty one to plan against."""
    if exists:
        _path, repo = open_repo(args, "read")
        with repo:
            yield repo
        return
    with tempfile.TemporaryDirectory(prefix="kiosk-dry-run-") as folder, Repository(Path(folder) / "plan.db") as repo:
        yield repo


def _counts(changes: list[RosterChange], rows: int, *, dry_run: bool) -> str:
    kinds = {kind: sum(change.kind == kind for change in changes) for kind in ("add", "update", "assign")}
    unchanged = rows - len({change.code for change in changes})
    verbs = ("to add", "to change", "shifts to assign") if dry_run else ("added", "changed", "shifts assigned")
    counted = ", ".join(f"{kinds[kind]} {verb}" for kind, verb in zip(kinds, verbs, strict=True))
    return f"{counted}, {unchanged} unchanged"


def _roster_export(args: argparse.Namespace) -> int:
    from kiosk.reports.roster_csv import write_roster_csv

    _path, repo = open_repo(args, "read")
    with repo:
        people = write_roster_csv(repo, args.out)
    print(f"wrote {people} {'person' if people == 1 else 'people'} to {args.out}")
    return 0


# --------------------------------------------------------------------- shifts


def cmd_shift(args: argparse.Namespace) -> int:
    return {"add": _shift_add, "list": _shift_list, "assign": _shift_assign}[args.action](args)


def _shift_add(args: argparse.Namespace) -> int:
    from kiosk.attendance.records import Shift
    from kiosk.attendance.shifts import parse_break, parse_clock, parse_workdays, validate_shift
    from kiosk.attendance.stored import shift_fields

    shift = validate_shift(
        Shift(
            name=args.name.strip(), start=parse_clock(args.start), end=parse_clock(args.end),
            breaks=tuple(parse_break(text) for text in args.breaks), late_grace_min=args.grace_min,
            early_grace_min=args.early_grace_min, workdays=parse_workdays(args.workdays),
            statutory_calendar=not args.no_statutory_calendar,
        )
    )  # fmt: skip
    _path, repo = open_repo(args, "create")
    with repo:
        stored = repo.shifts.add(**shift_fields(shift), actor=_actor())
    print(f"added shift {_describe(stored)}")
    return 0


def _describe(stored: StoredShift) -> str:
    from kiosk.attendance.stored import weekday_names

    breaks = ", ".join(f"{begin}-{end}" for begin, end in stored.breaks) or "none"
    calendar = "statutory calendar" if stored.statutory_calendar else "weekdays only (no statutory calendar)"
    return (
        f"{stored.name}: {stored.start}-{stored.end}, breaks {breaks}, late after {stored.late_grace_min} min, "
        f"early after {stored.early_grace_min} min, {weekday_names(stored.workdays)}, {calendar}"
    )


def _shift_list(args: argparse.Namespace) -> int:
    from kiosk.attendance.stored import weekday_names

    _path, repo = open_repo(args, "read")
    with repo:
        shifts = repo.shifts.all()
    if args.json:
        print(json.dumps([
            {"name": s.name, "start": s.start, "end": s.end, "breaks": [f"{b}-{e}" for b, e in s.breaks],
             "late_grace_min": s.late_grace_min, "early_grace_min": s.early_grace_min,
             "workdays": weekday_names(s.workdays), "statutory_calendar": s.statutory_calendar}
            for s in shifts
        ], ensure_ascii=False))  # fmt: skip
        return 0
    for stored in shifts:
        print(_describe(stored))
    if not shifts:
        print("no shifts yet; add one with kiosk shift add")
    return 0


def _shift_assign(args: argparse.Namespace) -> int:
    valid_from = parse_date(args.valid_from, "--from")
    shift_name = _text(args.shift, "--shift")
    _path, repo = open_repo(args, "write")
    with repo:
        if args.code is not None:
            employee = repo.employees.find(args.code)
            if employee is None:
                raise InputError(f"there is no employee with code {args.code.strip()}; check the code")
            repo.shifts.assign(employee.id, shift_name, valid_from, _actor())
            print(f"{employee.code} {employee.name} works {shift_name.strip()} from {valid_from}")
        else:
            assigned = repo.shifts.assign_department(args.department, shift_name, valid_from, _actor())
            print(f"{len(assigned)} people of {args.department.strip()} work {shift_name.strip()} from {valid_from}")
    return 0


# --------------------------------------------------------------------- calendar


def cmd_calendar(args: argparse.Namespace) -> int:
    return _calendar_set(args) if args.action == "set" else _calendar_show(args)


def _calendar_set(args: argparse.Namespace) -> int:
    day = parse_date(args.date, "--date")
    name = _text(args.name, "--name")
    _path, repo = open_repo(args, "write")
    with repo:
        if args.clear:
            cleared = repo.calendar.clear(day, _actor())
            print(f"{day}: company date removed" if cleared else f"{day}: no company date was set; nothing changed")
            return 0
        repo.calendar.set(day, off=args.off, name=name, actor=_actor())
    named = f" ({name.strip()})" if name.strip() else ""
    print(f"{day}: {'a day off' if args.off else 'a workday'} for everyone{named}")
    return 0


def _calendar_show(args: argparse.Namespace) -> int:
    from kiosk.attendance.calendar import WorkCalendar
    from kiosk.attendance.records import DayKind
    from kiosk.attendance.stored import override_from_stored

    if not 1 <= args.year <= 9998:
        raise InputError(f"--year must be a year like 2026, not {args.year}")
    first, last = date(args.year, 1, 1), date(args.year, 12, 31)
    _path, repo = open_repo(args, "read")
    with repo:
        overrides = {stored.day: override_from_stored(stored) for stored in repo.calendar.between(first, last)}
    calendar = WorkCalendar(overrides)
    notice = calendar.notice(first, last)
    if notice:
        print(notice)
    shown = 0
    for day, known in calendar.days(first, last).items():
        if known.source == "none":
            continue
        off = known.kind is DayKind.HOLIDAY
        kind = ("holiday" if off else "make-up workday") if known.source == "statutory" else (
            "company day off" if off else "company workday")  # fmt: skip
        named = f"  {known.name}" if known.name else ""
        print(f"{day} {day:%a}  {kind}{named}")
        shown += 1
    if not shown and not notice:
        print(f"no holidays or company dates in {args.year}")
    return 0


# --------------------------------------------------------------------- leave and punches


def _leave_edge(text: str, flag: str, *, end: bool) -> datetime:
    """``DATE`` (00:00 that day, or for the end the end of that day) or ``DATETHH:MM``, naive local."""
    text = text.strip()
    if len(text) == 10:
        day = parse_date(text, flag)
        return datetime.combine(day + timedelta(days=1) if end else day, time())
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is not None or moment.second or moment.microsecond:
        raise InputError(f"{flag} must be a date like 2025-10-09 or a local time like 2025-10-09T13:30, not {text!r}")
    return moment


def cmd_leave(args: argparse.Namespace) -> int:
    start = _leave_edge(args.start, "--from", end=False)
    end = _leave_edge(args.end, "--to", end=True)
    note = _text(args.note, "--note")
    _path, repo = open_repo(args, "write")
    with repo:
        employee = repo.employees.find(args.code)
        if employee is None:
            raise InputError(f"there is no employee with code {args.code.strip()}; check the code")
        stored = repo.leave.add(employee.id, start, end, args.leave_type, note, _actor())
    print(f"{employee.code} {employee.name}: {stored.type} leave {stored.start:%Y-%m-%d %H:%M} to "
          f"{stored.end:%Y-%m-%d %H:%M} (id {stored.id})")  # fmt: skip
    return 0


def cmd_punches(args: argparse.Namespace) -> int:
    from kiosk.attendance.punch_import import read_punches

    _path, repo = open_repo(args, "write")
    with repo:
        codes = {employee.code: employee.id for employee in repo.employees.all()}
        punches = read_punches(args.file, codes, datetime.now(UTC))
        added, skipped = repo.events.add_imported(punches, _actor(), source=Path(args.file).name)
    print(f"{args.file}: {added} {'punch' if added == 1 else 'punches'} added, {skipped} already stored")
    return 0


HR_HANDLERS: dict[str, Handler] = {
    "roster": cmd_roster,
    "shift": cmd_shift,
    "calendar": cmd_calendar,
    "leave": cmd_leave,
    "punches": cmd_punches,
}
