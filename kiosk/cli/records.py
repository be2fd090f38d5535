"""Commands about records: export, PIN check-in, the admin PIN reset and erasure."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from kiosk.cli.common import emit, open_repo, operator_name, read_new_pin, settings_for
from kiosk.errors import InputError
from kiosk.security.pins import PinStore

log = logging.getLogger("kiosk.cli")


def cmd_export(args: argparse.Namespace) -> int:
    from kiosk.cli.timesheet import export_period, export_timesheet, wants_timesheet
    from kiosk.reports.csv_writer import write_events_csv, write_summary_csv, write_totals_csv
    from kiosk.reports.query import ReportQuery

    start, end = export_period(args)
    if wants_timesheet(args):
        return export_timesheet(args, start, end)
    out = Path(args.out)
    language = args.export_language
    _path, repo = open_repo(args, "read")
    with repo:
        # The export checks the range, the employee code and the folder itself.
        query = ReportQuery(
            repo, start, end, employee_code=args.employee, department=args.department,
            start_time=settings_for(args, repo).workday_start_time, today=datetime.now().astimezone().date(),
        )  # fmt: skip
        if args.summary or args.totals:
            write = write_totals_csv if args.totals else write_summary_csv
            rows = write(query, out, language)
        else:
            rows = write_events_csv(replace(query, department=None), out, language)
    print(f"wrote {rows} {'row' if rows == 1 else 'rows'} to {out}")
    return 0


def cmd_pin_checkin(args: argparse.Namespace) -> int:
    from kiosk.attendance.pin_checkin import PinAnswer
    from kiosk.wiring import create_pin_checkin

    # The PIN never goes on the command line, where `ps` and shell history would keep it.
    pin = getpass.getpass("PIN: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    _path, repo = open_repo(args, "write")
    with repo:
        checkin = create_pin_checkin(repo, settings_for(args, repo), lambda: datetime.now().astimezone())
        result = checkin.check_in(args.code, pin)
    if result.answer is PinAnswer.LOCKED:
        raise InputError(f"too many wrong PINs; try again in {result.locked_for_s} s")
    if result.outcome is None:
        raise InputError("unknown code or wrong PIN")
    outcome = result.outcome
    payload = {"type": outcome.kind.value, "employee_code": outcome.employee.code, "name": outcome.employee.name}
    emit(args, payload, f"{outcome.employee.name} ({outcome.employee.code}): {outcome.kind.value}")
    return 0


def cmd_reset_admin_pin(args: argparse.Namespace) -> int:
    """Set a new admin PIN without the old one: the recovery for a forgotten PIN.

    The kiosk screen offers no way around the PIN; this needs the machine
    account that owns the database (opened for writing) and the PIN key file
    (read), which whoever stands at the kiosk does not have. Audited as
    ``admin_pin_reset`` with the OS user's name.
    """
    from kiosk.security.admin_gate import AdminGate
    from kiosk.security.hashing import ADMIN_PIN_MIN_DIGITS, check_pin_format
    from kiosk.security.keyfile import PinKeyError, read_key

    # The PIN never goes on the command line, where `ps` and shell history would keep it.
    pin, repeated = read_new_pin()
    check_pin_format(pin, ADMIN_PIN_MIN_DIGITS)
    if pin != repeated:
        raise InputError("the two PINs differ; nothing was changed")
    os_user = operator_name()
    _path, repo = open_repo(args, "write")
    with repo:
        if args.new_key:
            try:
                read_key(PinStore(repo).key_path)
            except PinKeyError:
                pass  # lost or damaged: exactly what --new-key is for
            else:
                raise InputError(
                    f"the PIN key file {PinStore(repo).key_path} is intact; run again without --new-key "
                    "(a new key would clear every personal PIN)"
                )
        gate = AdminGate(repo, lambda: datetime.now().astimezone())
        cleared = gate.reset_pin(pin, os_user, new_key=args.new_key)
    suffix = f"; new PIN key file written, {cleared} personal PINs cleared" if args.new_key else ""
    print(f"admin PIN reset by {os_user}{suffix}")
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    """Erase biometrics now: one employee by code, or every expired one (:mod:`kiosk.privacy`).

    Audited with the OS user's name; the templates are secure-deleted from the
    file and its WAL. Erasing someone who has nothing left is not an error.
    """
    from kiosk.privacy import erase_expired

    actor = f"cli:{operator_name()}"
    _path, repo = open_repo(args, "write")
    with repo:
        if args.expired:
            days = settings_for(args, repo).template_retention_days
            erased = erase_expired(repo, datetime.now().astimezone(), days, actor)
            for item in erased:
                print(f"erased {item.templates} templates{' and the PIN' if item.pin else ''} "
                      f"of {item.employee.name} ({item.employee.code})")
            print(f"{len(erased)} employees deactivated more than {days} days ago erased")
            return 0
        employee = repo.employees.find(args.code)
        if employee is None:
            raise InputError(f"there is no employee with code {args.code.strip()}; check the code")
        templates, pin = repo.employees.erase_personal_data(employee.id, actor, "erased on request (kiosk erase)")
    print(f"erased {templates} templates{' and the PIN' if pin else ''} of {employee.name} ({employee.code}); "
          "attendance history kept")
    return 0


