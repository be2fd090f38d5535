"""Command line: the same engine as the kiosk screen, for admins and scripts.

Every command prints one line ``kiosk: error: …`` and exits non-zero on bad
input (exit codes per :mod:`kiosk.errors`), having written nothing.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from importlib import metadata

from kiosk.cli.common import check_text_arguments
from kiosk.cli.company import cmd_admin, cmd_company_settings, cmd_sync
from kiosk.cli.faces import cmd_bench, cmd_enroll, cmd_evaluate, cmd_identify, cmd_liveness, cmd_run_video
from kiosk.cli.hr import HR_HANDLERS, add_hr_parsers
from kiosk.cli.ops import OPS_HANDLERS, add_ops_parsers, kiosk_log_file
from kiosk.cli.records import cmd_erase, cmd_export, cmd_pin_checkin, cmd_reset_admin_pin
from kiosk.errors import KioskError
from kiosk.settings.specs import LANGUAGES, STRICTNESS_LEVELS

log = logging.getLogger("kiosk.cli")

def installed_version() -> str:
    """The kiosk's version from its package metadata (the PyInstaller build carries the metadata too)."""
    try:
        return metadata.version("kiosk")
    except metadata.PackageNotFoundError:
        return "unknown (no package metadata: install it with `uv sync`)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Face-recognition attendance kiosk. With no command, opens the kiosk window.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {installed_version()}")
    parser.add_argument("--camera", help="camera index (0, 1, …) or a video file to use as the camera")
    parser.add_argument("--db", help="database file or postgresql:// URL (default: $KIOSK_DB, else a per-user file)")
    parser.add_argument("--fullscreen", action="store_true", help="open full screen (kiosk mode)")
    parser.add_argument("--language", choices=LANGUAGES, help="screen language (default: from settings)")
    parser.add_argument("--server", help="company server (postgresql:// URL) to sync with in the background "
                        "(default: $KIOSK_SERVER; none: this kiosk stands alone)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def db_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", dest="db", default=argparse.SUPPRESS,
                       help="database file or postgresql:// URL (default: $KIOSK_DB)")

    p = sub.add_parser("enroll", help="enroll an employee from face photos")
    db_arg(p)
    p.add_argument("--name", required=True)
    p.add_argument("--code", required=True, help="employee code (unique)")
    p.add_argument("--department", default="")
    p.add_argument("--force", action="store_true", help="enroll even if the face matches another employee")
    p.add_argument("--replace", action="store_true",
                   help="the code exists: re-enroll its owner with these photos (their history is kept)")
    p.add_argument("--consent", action="store_true",
                   help="the employee agreed to face enrollment; recorded with the time and your user name")
    p.add_argument("images", nargs="+", metavar="IMAGE")

    p = sub.add_parser("identify", help="who is in this photo?")
    db_arg(p)
    p.add_argument("image", metavar="IMAGE")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("run-video", help="run the kiosk over a video file and print attendance events")
    db_arg(p)
    p.add_argument("video", metavar="VIDEO")
    p.add_argument("--start", help="wall-clock time of the first frame, ISO 8601 (default: now)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("liveness", help="does this video show a live, blinking person?")
    p.add_argument("video", metavar="VIDEO")
    p.add_argument("--json", action="store_true")
    p.add_argument("--challenge", type=int, metavar="SEED",
                   help="also play the head-movement challenge, drawn with this seed (a replay is reproducible)")
    p.add_argument("--challenge-mode", choices=("after_blink", "always"), default="after_blink",
                   help="start the challenge when the blink is accepted (default), or at the first frame with a face")

    p = sub.add_parser("evaluate", help="measure matching on a folder with one sub-folder per person")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--strictness", choices=STRICTNESS_LEVELS, default="normal")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("export", help="export attendance as CSV (Excel-safe UTF-8), or the payroll timesheet as xlsx")
    db_arg(p)
    p.add_argument("--from", dest="start", metavar="DATE", help="first local date, YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="DATE", help="last local date, YYYY-MM-DD")
    p.add_argument("--month", metavar="YYYY-MM", help="a whole month instead of --from and --to")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv",
                   help="csv (default) or xlsx: the monthly timesheet workbook (summary, days, punches)")
    p.add_argument("--sheet", choices=("summary", "days", "punches"),
                   help="one sheet of the timesheet as CSV, instead of the attendance CSVs")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--summary", action="store_true", help="one row per person and day instead of raw events")
    kind.add_argument("--totals", action="store_true",
                      help="one row per person for the whole range: days present, hours, late days, missing check-outs")
    p.add_argument("--language", dest="export_language", choices=LANGUAGES, default="en",
                   help="language of the header row: en (English codes, the default, for scripts) or zh_CN (简体中文)")
    p.add_argument("--employee", metavar="CODE")
    p.add_argument("--department")

    p = sub.add_parser("pin-checkin", help="check in or out with employee code and personal PIN (PIN read from stdin)")
    db_arg(p)
    p.add_argument("--code", required=True, help="employee code")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "reset-admin-pin",
        help="forgot the admin PIN? set a new one (read twice from stdin); needs the kiosk user's file access",
    )
    db_arg(p)
    p.add_argument("--new-key", action="store_true",
                   help="the PIN key file is lost or damaged: write a new one (clears every personal PIN)")

    p = sub.add_parser(
        "erase",
        help="erase an employee's face templates and personal PIN for good (attendance history is kept)",
    )
    db_arg(p)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--code", help="employee code")
    which.add_argument("--expired", action="store_true",
                       help="everyone deactivated longer ago than the template_retention_days setting")

    p = sub.add_parser("bench", help="time the kiosk pipeline against the naive face_recognition loop")
    p.add_argument("video", metavar="VIDEO")
    p.add_argument("--live", action="store_true",
                   help="run the real kiosk app (offscreen) with the video as a camera at its own fps, over --db")
    p.add_argument("--db", metavar="FILE", help="with --live: an enrolled database (copied; the copy is written)")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("admin", help="HR workstation: staff, corrections, reports and audit log behind the admin "
                       "PIN, with no camera (--db FILE or postgresql:// URL)")
    db_arg(p)
    p.add_argument("--language", dest="admin_language", choices=LANGUAGES, help="screen language")
    p = sub.add_parser(
        "company-settings",
        help="show or set the company-wide settings (attendance and security rules) on the company server; "
        "every kiosk that syncs applies them",
    )
    db_arg(p)
    p.add_argument("--set", dest="assignments", action="append", default=[], metavar="NAME=VALUE",
                   help="set one company-wide setting (repeatable), e.g. --set cooldown_s=120")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("sync", help="one sync round with the company server: send check-ins, fetch staff and fixes")
    db_arg(p)
    p.add_argument("--server", default=argparse.SUPPRESS, help="postgresql:// URL (default: $KIOSK_SERVER)")
    p.add_argument("--json", action="store_true")
    add_hr_parsers(sub, db_arg)
    add_ops_parsers(sub, db_arg)
    return parser


HANDLERS = {
    "admin": cmd_admin,
    "enroll": cmd_enroll,
    "identify": cmd_identify,
    "run-video": cmd_run_video,
    "liveness": cmd_liveness,
    "evaluate": cmd_evaluate,
    "export": cmd_export,
    "pin-checkin": cmd_pin_checkin,
    "reset-admin-pin": cmd_reset_admin_pin,
    "erase": cmd_erase,
    "bench": cmd_bench,
    "sync": cmd_sync,
    "company-settings": cmd_company_settings,
    **HR_HANDLERS,
    **OPS_HANDLERS,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kiosk`` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)  # the log file beside the database keeps INFO too
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s", handlers=[stderr])
    try:
        check_text_arguments(args)
        with kiosk_log_file(args):
            if args.command is None:
                from kiosk.ui.app import run_gui

                return run_gui(args)
            return HANDLERS[args.command](args)
    except KioskError as error:
        message = " ".join(str(error).split())  # one line, whatever the message holds
        print(f"kiosk: error: {message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
