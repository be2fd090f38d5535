"""Command line: the same engine as the kiosk screen, for admins and scripts.

Every command prints one line ``kiosk: error: …`` and exits non-zero on bad
input (exit codes per :mod:`kiosk.errors`), having written nothing.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kiosk.errors import InputError, KioskError
from kiosk.paths import settings_path_for
from kiosk.settings.files import load_settings
from kiosk.settings.merge import with_company
from kiosk.settings.specs import LANGUAGES, STRICTNESS_LEVELS, Settings
from kiosk.storage.models import offset_minutes
from kiosk.storage.repository import MAX_OFFSET_MINUTES, MIN_OFFSET_MINUTES

if TYPE_CHECKING:
    from kiosk.storage.repository import Repository

log = logging.getLogger("kiosk.cli")

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Face-recognition attendance kiosk. With no command, opens the kiosk window.",
    )
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

    p = sub.add_parser("export", help="export attendance as CSV (Excel-safe UTF-8)")
    db_arg(p)
    p.add_argument("--from", dest="start", required=True, metavar="DATE", help="first local date, YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="DATE", help="last local date, YYYY-MM-DD")
    p.add_argument("--out", required=True, metavar="FILE")
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
    return parser


def _parse_date(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{flag} must be a date like 2026-11-23, not {text!r}") from None


START_HEADROOM = timedelta(days=1)
"""How far from the calendar's ends (years 1 and 9999) ``run-video --start`` must
stay: the video's frames are stamped start + their position, and a kiosk video
is far shorter than a day."""

TEXT_ARGUMENTS = ("name", "code", "department", "employee")
"""Options whose text is stored or compared with stored text, so must be valid UTF-8."""


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse a name or code that is not valid UTF-8 (Python hands such bytes over as
    lone surrogates, which SQLite and the CSV writer cannot encode)."""
    for name in TEXT_ARGUMENTS:
        value = getattr(args, name, None)
        if not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            option = f"--{name.replace('_', '-')}"
            raise InputError(f"{option} is not valid UTF-8 text; check the terminal's character encoding") from None


def _parse_start(text: str | None) -> datetime:
    if text is None:
        return datetime.now().astimezone()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"--start must be an ISO time like 2026-11-23T08:55:00+08:00, not {text!r}") from None
    try:
        moment = moment if moment.tzinfo else moment.astimezone()
        (moment - START_HEADROOM).astimezone(UTC)
        (moment + START_HEADROOM).astimezone(UTC)
    except (OverflowError, ValueError):
        raise InputError(f"--start {text} is too close to the ends of the calendar; give a real time") from None
    offset = offset_minutes(moment)
    if not MIN_OFFSET_MINUTES <= offset <= MAX_OFFSET_MINUTES:
        raise InputError(f"--start {text} has a UTC offset outside -12:00 … +14:00; give a real time zone")
    return moment


def _open_repo(args: argparse.Namespace, access: Literal["create", "write", "read"]) -> tuple[Path, Repository]:
    """The database of ``--db`` (a file or a ``postgresql://`` URL): ``create`` it (private folder
    and file) if missing, ``write`` an existing one, or only ``read`` it (never creating or converting)."""
    from kiosk.storage.location import open_repository

    repo = open_repository(getattr(args, "db", None), access)
    return repo.path, repo


def _emit(args: argparse.Namespace, payload: dict, text: str) -> None:
    print(json.dumps(payload, ensure_ascii=False) if getattr(args, "json", False) else text, flush=True)


def _settings(args: argparse.Namespace, repo: Repository | None = None) -> Settings:
    """The settings beside ``--db`` (or the defaults plus ``KIOSK_*`` without a database).

    With the open ``repo``, under the company-wide settings its database holds
    (HR's, on the server itself or pulled by a kiosk's sync): the rules a kiosk
    applies at the door are the ones the command applies. A kiosk on its own
    has none, and its file alone counts.
    """
    from kiosk.storage.location import resolve_location

    own = load_settings(settings_path_for(resolve_location(getattr(args, "db", None)).path))
    if repo is None:
        return own
    from kiosk.sync.company_settings import company_values

    return with_company(own, company_values(repo))


def _operator() -> str:
    """The OS user running the command: who confirmed consent, reset the PIN or erased data."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor in the password database
        return "unknown user"


def cmd_enroll(args: argparse.Namespace) -> int:
    from kiosk.engine import create_analyzer
    from kiosk.enrollment import save_enrollment, templates_from_images
    from kiosk.storage.repository import CodeTakenError

    if not args.consent:
        raise InputError("enrolling a face needs the employee's consent; ask them, then add --consent")
    settings = _settings(args)
    templates = templates_from_images(create_analyzer(settings), args.images)  # all vision before any write
    _path, repo = _open_repo(args, "create")
    with repo:
        try:
            employee = save_enrollment(
                repo, code=args.code, name=args.name, department=args.department, templates=templates,
                consent_at=datetime.now().astimezone(), replace=args.replace, force=args.force,
                policy=settings.match_policy, actor=f"cli:{_operator()}",
            )
        except CodeTakenError as taken:
            owner = taken.owner
            raise InputError(
                f"code {owner.code} already belongs to {owner.name}; choose another code, "
                "or add --replace to re-enroll them with these photos"
            ) from None
    print(f"enrolled {employee.name} ({employee.code}) with {len(templates)} templates")
    return 0


def cmd_identify(args: argparse.Namespace) -> int:
    from kiosk.engine import create_analyzer
    from kiosk.matching import Matcher
    from kiosk.vision.image import load_rgb

    rgb = load_rgb(args.image)
    _path, repo = _open_repo(args, "read")
    with repo:
        settings = _settings(args)
        analyzer = create_analyzer(settings)
        faces = analyzer.analyze_still(rgb)
        if not faces:
            raise InputError(f"no face found in {args.image}")
        face = max(faces, key=lambda f: f.box.area)
        match = Matcher(repo.template_set(), settings.match_policy).identify(analyzer.encode(rgb, face))
        employee = repo.get_employee(match.accepted_id) if match.accepted_id is not None else None
    payload = {
        "accepted": employee is not None,
        "employee_code": employee.code if employee else None,
        "name": employee.name if employee else None,
        "distance": None if match.employee_id is None else round(match.distance, 4),
        "margin": None if match.margin is None else round(match.margin, 4),
        "faces": len(faces),
    }
    text = f"{employee.name} ({employee.code}), distance {match.distance:.3f}" if employee else "unknown"
    _emit(args, payload, text)
    return 0


def cmd_run_video(args: argparse.Namespace) -> int:
    from kiosk.camera import FrameSource
    from kiosk.engine import EventKind, create_engine

    start = _parse_start(args.start)
    _path, repo = _open_repo(args, "write")
    elapsed = [0.0]
    with repo, FrameSource(Path(args.video)) as source:
        settings = _settings(args, repo)
        engine = create_engine(repo, settings, clock=lambda: start + timedelta(seconds=elapsed[0]))
        for frame in source.frames():
            elapsed[0] = frame.timestamp
            for event in engine.process(frame).events:
                if event.kind not in (EventKind.CHECKED_IN, EventKind.CHECKED_OUT) or event.employee is None:
                    continue
                kind = "in" if event.kind is EventKind.CHECKED_IN else "out"
                payload = {
                    "type": kind,
                    "employee_code": event.employee.code,
                    "name": event.employee.name,
                    "frame": event.frame_index,
                    "distance": event.distance,
                    "live": event.live,
                }
                who = f"{event.employee.name} ({event.employee.code})"
                _emit(args, payload, f"frame {event.frame_index}: {who} checked {kind}")
    return 0


def cmd_liveness(args: argparse.Namespace) -> int:
    import random

    from kiosk.tools.evaluation import first_face_frame, follow_video, liveness_report, play_challenge
    from kiosk.vision.challenge import draw_movements

    steps = list(follow_video(Path(args.video), settings=_settings(args)))
    report = liveness_report(steps)
    payload: dict[str, object] = {
        "live": report.live,
        "blinks": report.blinks,
        "frames": report.frames,
        "decided_at_frame": report.decided_at_frame,
    }
    verdict = f"live (blink at frame {report.decided_at_frame})" if report.live else "not live: no blink seen"
    text = f"{verdict}; {report.blinks} blinks in {report.frames} frames"
    if args.challenge is not None:
        start = report.decided_at_frame if args.challenge_mode == "after_blink" else first_face_frame(steps)
        outcome = play_challenge(steps, draw_movements(random.Random(args.challenge)), start)
        payload["challenge"] = outcome.to_json()
        payload["challenge_passed"] = outcome.passed
        asked = ", ".join(
            f"{movement.value} at frame {frame}" if frame is not None else f"{movement.value} never asked"
            for movement, frame in outcome.asked
        )
        text += f"; challenge {'passed' if outcome.passed else 'failed'} ({asked})"
    _emit(args, payload, text)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from kiosk.tools.evaluation import evaluate_folder

    report = evaluate_folder(Path(args.folder), _settings(args).replace(strictness=args.strictness))
    text = (f"tar {report.tar:.3f}  misid {report.misid:.3f}  far {report.far:.3f}  "
            f"({report.probes} genuine, {report.strangers} strangers, {report.no_face} without a face)")
    _emit(args, report.to_json(), text)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kiosk.reports.csv_writer import write_events_csv, write_summary_csv, write_totals_csv

    start, end = _parse_date(args.start, "--from"), _parse_date(args.end, "--to")
    out = Path(args.out)
    language = args.export_language
    _path, repo = _open_repo(args, "read")
    with repo:
        # The export checks the range, the employee code and the folder itself.
        if args.summary or args.totals:
            write = write_totals_csv if args.totals else write_summary_csv
            rows = write(repo, start, end, out, employee_code=args.employee, department=args.department,
                         start_time=_settings(args, repo).workday_start_time, today=datetime.now().astimezone().date(),
                         language=language)
        else:
            rows = write_events_csv(repo, start, end, out, employee_code=args.employee, language=language)
    print(f"wrote {rows} {'row' if rows == 1 else 'rows'} to {out}")
    return 0


def cmd_pin_checkin(args: argparse.Namespace) -> int:
    from kiosk.attendance.pin_checkin import PinAnswer
    from kiosk.engine import create_pin_checkin

    # The PIN never goes on the command line, where `ps` and shell history would keep it.
    pin = getpass.getpass("PIN: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    _path, repo = _open_repo(args, "write")
    with repo:
        checkin = create_pin_checkin(repo, _settings(args, repo), lambda: datetime.now().astimezone())
        result = checkin.check_in(args.code, pin)
    if result.answer is PinAnswer.LOCKED:
        raise InputError(f"too many wrong PINs; try again in {result.locked_for_s} s")
    if result.outcome is None:
        raise InputError("unknown code or wrong PIN")
    outcome = result.outcome
    payload = {"type": outcome.kind.value, "employee_code": outcome.employee.code, "name": outcome.employee.name}
    _emit(args, payload, f"{outcome.employee.name} ({outcome.employee.code}): {outcome.kind.value}")
    return 0


def _read_new_pin() -> tuple[str, str]:
    """The new PIN and its repetition: typed unseen at a terminal, else two lines of stdin."""
    if sys.stdin.isatty():
        return getpass.getpass("New admin PIN: "), getpass.getpass("Repeat the new admin PIN: ")
    return sys.stdin.readline().strip(), sys.stdin.readline().strip()


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
    pin, repeated = _read_new_pin()
    check_pin_format(pin, ADMIN_PIN_MIN_DIGITS)
    if pin != repeated:
        raise InputError("the two PINs differ; nothing was changed")
    os_user = _operator()
    _path, repo = _open_repo(args, "write")
    with repo:
        if args.new_key:
            try:
                read_key(repo.pin_key_path)
            except PinKeyError:
                pass  # lost or damaged: exactly what --new-key is for
            else:
                raise InputError(
                    f"the PIN key file {repo.pin_key_path} is intact; run again without --new-key "
                    "(a new key would clear every personal PIN)"
                )
        gate = AdminGate(repo, lambda: datetime.now().astimezone())
        cleared = gate.reset_pin(pin, os_user, new_key=args.new_key)
    suffix = f"; new PIN key file written, {cleared} personal PINs cleared" if args.new_key else ""
    print(f"admin PIN reset by {os_user}{suffix}")
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    """Erase biometrics now: one employee by code, or every expired one (:mod:`kiosk.retention`).

    Audited with the OS user's name; the templates are secure-deleted from the
    file and its WAL. Erasing someone who has nothing left is not an error.
    """
    from kiosk.privacy import erase_expired

    actor = f"cli:{_operator()}"
    _path, repo = _open_repo(args, "write")
    with repo:
        if args.expired:
            days = _settings(args, repo).template_retention_days
            erased = erase_expired(repo, datetime.now().astimezone(), days, actor)
            for item in erased:
                print(f"erased {item.templates} templates{' and the PIN' if item.pin else ''} "
                      f"of {item.employee.name} ({item.employee.code})")
            print(f"{len(erased)} employees deactivated more than {days} days ago erased")
            return 0
        employee = repo.find_employee(args.code)
        if employee is None:
            raise InputError(f"there is no employee with code {args.code.strip()}; check the code")
        templates, pin = repo.erase_personal_data(employee.id, actor, "erased on request (kiosk erase)")
    print(f"erased {templates} templates{' and the PIN' if pin else ''} of {employee.name} ({employee.code}); "
          "attendance history kept")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    if args.live:
        return _bench_live(args)
    if args.db:
        raise InputError("--db is only used with --live")
    from kiosk.tools.bench import run_bench

    report = run_bench(Path(args.video))
    text = (f"{report.frames} frames: pipeline {report.pipeline_fps} fps, naive {report.naive_fps} fps, "
            f"speedup {report.speedup}x; faces in {report.pipeline_face_frames} vs {report.naive_face_frames} frames; "
            f"1:N over 100k templates {report.match_ms_100k} ms")
    _emit(args, report.to_json(), text)
    return 0


def _bench_live(args: argparse.Namespace) -> int:
    """The real app with the video as its camera; Qt is imported here only, never by the engine."""
    if not args.db:
        raise InputError("bench --live needs --db FILE: a database with the people in the video enrolled")
    video = Path(args.video)
    if not video.is_file():
        raise InputError(f"video not found: {video}")
    from kiosk.ui.tools.bench_live import run_live_bench

    report = run_live_bench(video, Path(args.db))
    checks = ", ".join(f"{e['type']} {e['employee_code']} at {e['at_s']} s" for e in report.events) or "no check-in"
    text = (f"{report.camera_frames} camera frames at {report.camera_fps} fps: analysed {report.analysed_fps} fps "
            f"({report.analysed_ratio:.1%}), preview {report.preview_fps} fps, dropped {report.dropped_frames}; "
            f"{checks}; {report.cpu_count} CPUs")
    _emit(args, report.to_json(), text)
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """One round of :func:`kiosk.sync.sync_once`; the server is reached before the local file is opened,
    so a wrong URL, bad credentials or another schema version leave the local database untouched."""
    from kiosk.sync.round import sync_once
    from kiosk.sync.server import open_server

    url = getattr(args, "server", None) or os.environ.get("KIOSK_SERVER", "")
    if not url:
        raise InputError("no server given; pass --server postgresql://USER@HOST/DATABASE or set KIOSK_SERVER")
    server = open_server(url)
    try:
        _path, repo = _open_repo(args, "create")
        with repo:
            result = sync_once(repo, server)
    finally:
        server.close()
    _emit(args, result.to_json(),
          f"{result.pushed} events sent, {result.pulled} changes received, {result.pending} events waiting")
    return 0


def cmd_company_settings(args: argparse.Namespace) -> int:
    """Show the company-wide settings on the server, or set some (``--set NAME=VALUE``), audited there.

    Every assignment is checked (a company-wide name, a value its spec allows)
    before anything is written, and all are stored in one transaction, audited
    as ``change_setting`` by ``cli:<OS user>``. Kiosks apply them at their next
    sync. A file is refused: a kiosk on its own keeps every setting in its
    settings file.
    """
    from kiosk.settings.specs import COMPANY_FIELDS, MACHINE_FIELDS, SPECS
    from kiosk.storage.location import resolve_location
    from kiosk.sync.company_settings import company_values, save_company_change

    if not resolve_location(getattr(args, "db", None)).is_server:
        raise InputError("company-wide settings live on the company server: pass --db postgresql://USER@HOST/DATABASE "
                         "(a kiosk on its own keeps every setting in its settings file)")
    changes: dict[str, object] = {}
    for assignment in args.assignments:
        name, sep, raw = assignment.partition("=")
        name = name.strip()
        if not sep:
            raise InputError(f"--set needs NAME=VALUE, not {assignment!r}")
        if name in MACHINE_FIELDS:
            raise InputError(f"{name} is set per kiosk, in its own settings file, not on the server")
        if name not in COMPANY_FIELDS:
            raise InputError(f"{name!r} is not a company-wide setting; they are: {', '.join(COMPANY_FIELDS)}")
        changes[name] = SPECS[name].coerce(name, raw.strip())
    _path, repo = _open_repo(args, "write" if changes else "read")
    with repo:
        before = _settings(args, repo)
        if changes:
            save_company_change(repo, before, before.replace(**changes), actor=f"cli:{_operator()}")
        stored = company_values(repo)
    after = before.replace(**changes)
    lines = [
        f"{name} = {getattr(after, name)!r}" + ("" if name in stored else "  (not set: each kiosk's own)")
        for name in COMPANY_FIELDS
    ]
    _emit(args, stored, "\n".join(lines))
    return 0


def cmd_admin(args: argparse.Namespace) -> int:
    """The HR workstation window (:mod:`kiosk.ui.admin.workstation`); opening errors are one line."""
    from kiosk.ui.admin.workstation import run_admin

    return run_admin(getattr(args, "db", None), args.admin_language or args.language)


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
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kiosk`` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    try:
        _check_text_arguments(args)
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
