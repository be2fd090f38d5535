"""Running a kiosk unattended: ``kiosk backup``, ``restore``, ``salvage`` and ``doctor``.

Thin commands over :mod:`kiosk.ops`: each prints what it did in a few lines
(or one JSON object with ``--json``), and refuses bad input with one line and
a non-zero exit, having written nothing. ``kiosk doctor`` exits 1 when any
check fails, so a cron job or a monitoring agent can act on it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from kiosk.cli.common import emit, location_of, operator_name
from kiosk.errors import CameraError, InputError, KioskError
from kiosk.logs import log_file
from kiosk.ops.doctor import Check, CheckResult, CheckState, failed, run_checks
from kiosk.paths import log_path_for, make_private_dir, settings_path_for
from kiosk.settings.files import load_settings

Handler = Callable[[argparse.Namespace], int]


def add_ops_parsers(sub: argparse._SubParsersAction, db_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``backup``, ``restore``, ``salvage`` and ``doctor`` to the ``kiosk`` parser."""
    p = sub.add_parser("backup", help="copy the database (with its PIN key and settings) into a folder, "
                       "safely while the kiosk runs; keeps the last N copies there")
    db_arg(p)
    p.add_argument("--to", dest="folder", required=True, metavar="DIR", help="folder for the backup (made if missing)")
    p.add_argument("--keep", type=int, metavar="N",
                   help="backups of this database kept in DIR (default: the backup_keep setting, 7)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("restore", help="replace the database with a backup, after checking it; "
                       "the current database is kept beside it (stop the kiosk first)")
    db_arg(p)
    p.add_argument("backup", metavar="FILE", help="a backup made by kiosk backup")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("salvage", help="copy every readable row of a damaged database into a new one")
    p.add_argument("damaged", metavar="DAMAGED", help="the damaged database file (never written)")
    p.add_argument("--out", required=True, metavar="NEW", help="the new database file (must not exist)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("doctor", help="check this kiosk PC: camera, database, key file, disk, clock, backup, "
                       "Chinese font, service; exit code 1 if any check fails")
    db_arg(p)
    p.add_argument("--camera", dest="doctor_camera", metavar="SRC",
                   help="camera index or video file to check (default: the camera setting)")
    p.add_argument("--repair", action="store_true",
                   help="rebuild damaged indexes (REINDEX) and make a key file other users can read private")
    p.add_argument("--json", action="store_true")


NO_DATABASE_COMMANDS = frozenset({"evaluate", "liveness", "bench", "salvage"})
"""Commands that work on no kiosk database, so write to no kiosk's log."""


@contextmanager
def kiosk_log_file(args: argparse.Namespace) -> Iterator[None]:
    """While the command runs, log to the file beside its database (:func:`kiosk.logs.install_log_file`).

    The kiosk window makes the database's folder if it must (it creates the
    database there next); a command only logs into a folder that exists. The
    file appears with the first record, so a command refused before it logs
    anything leaves no file behind.
    """
    if args.command in NO_DATABASE_COMMANDS:
        yield
        return
    try:
        path = log_path_for(location_of(args).path)
        if args.command is None:
            make_private_dir(path.parent)
    except KioskError:  # the window or the command says what is wrong with the path
        yield
        return
    if not path.parent.is_dir():
        yield
        return
    with log_file(path):
        yield


def cmd_backup(args: argparse.Namespace) -> int:
    from kiosk.ops.backup import backup_database, pg_dump_command

    where = location_of(args)
    folder = Path(args.folder)
    if where.url is not None:
        raise InputError(f"{where} is a PostgreSQL server: back it up with PostgreSQL's own tool, "
                         f"e.g. {pg_dump_command(where.url, folder)}")
    keep = args.keep if args.keep is not None else load_settings(settings_path_for(where.path)).backup_keep
    result = backup_database(where.path, folder, keep=keep)
    travelled = " and ".join("PIN key" if path.name.endswith(".key") else "settings" for path in result.companions)
    lines = [f"backup: {result.path} ({result.events} events, {result.size_bytes / 1e6:.1f} MB, integrity ok)"]
    if travelled:
        lines.append(f"beside it: its {travelled} (private, 0600)")
    if result.removed:
        lines.append(f"deleted {len(result.removed)} older backup(s), keeping the last {keep}")
    if result.repaired_indexes:
        lines.append(f"warning: the database's index {', '.join(result.repaired_indexes)} is damaged "
                     "(rebuilt in the backup); run kiosk doctor --repair")
    payload = {"file": str(result.path), "events": result.events, "bytes": result.size_bytes,
               "companions": [str(path) for path in result.companions],
               "removed": [str(path) for path in result.removed], "repaired_indexes": list(result.repaired_indexes)}
    emit(args, payload, "\n".join(lines))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from kiosk.ops.backup import restore_database

    where = location_of(args)
    if where.url is not None:
        raise InputError(f"{where} is a PostgreSQL server: restore it with pg_restore from a pg_dump file")
    result = restore_database(Path(args.backup), where.path, actor=f"cli:{operator_name()}")
    info = result.info
    lines = [f"restored {where.path} from {info.path} (schema {info.schema_version}, {info.events} events, "
             f"{info.employees} employees)"]
    if result.safety_copy is not None:
        lines.append(f"the database before the restore: {result.safety_copy}")
    restored = [name for name, done in (("PIN key", result.key_restored), ("settings", result.settings_restored))
                if done]
    lines.append(f"restored with it: its {' and '.join(restored)}" if restored else
                 "the backup had no PIN key or settings beside it; the current ones stay")
    payload = {"database": str(where.path), "backup": str(info.path), "schema": info.schema_version,
               "events": info.events, "employees": info.employees,
               "safety_copy": str(result.safety_copy) if result.safety_copy else None,
               "key_restored": result.key_restored, "settings_restored": result.settings_restored}
    emit(args, payload, "\n".join(lines))
    return 0


def cmd_salvage(args: argparse.Namespace) -> int:
    from kiosk.ops.salvage import salvage

    report = salvage(Path(args.damaged), Path(args.out), actor=f"cli:{operator_name()}")
    shown = [table for table in report.tables if table.copied or not table.complete]
    lines = [table.describe() for table in shown]
    if report.placeholders:
        lines.append(f"{report.placeholders} employees could not be read: their check-ins are kept under "
                     "inactive placeholders named salvaged-<id>")
    verdict = "every row was read" if report.complete else "some rows could not be read (above)"
    lines.append(f"salvaged into {report.output}: {verdict}")
    payload = {"output": str(report.output), "schema": report.schema_version, "complete": report.complete,
               "placeholders": report.placeholders,
               "tables": [{**asdict(table), "unreadable": [list(pair) for pair in table.unreadable]}
                          for table in report.tables]}
    emit(args, payload, "\n".join(lines))
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    where = location_of(args)
    settings = load_settings(settings_path_for(where.path))
    source = args.doctor_camera if args.doctor_camera is not None else settings.camera
    results = run_checks(where, settings, camera=lambda: camera_check(source), repair=args.repair)
    payload = {"ok": not failed(results),
               "checks": [{"check": r.check.value, "state": r.state.value, "message": r.message} for r in results]}
    emit(args, payload, "\n".join(result.line() for result in results))
    return 1 if failed(results) else 0


def camera_check(source: str | int | Path) -> CheckResult:
    """Open ``source`` (a camera index or a video) and read one frame from it."""
    from kiosk.camera import FrameSource

    camera = FrameSource(source)
    try:
        with camera:
            frame = camera.read()
    except CameraError as error:
        return CheckResult(Check.CAMERA, CheckState.FAIL, str(error))
    if frame is None:
        return CheckResult(Check.CAMERA, CheckState.FAIL, f"{camera.describe()} gave no frame")
    height, width = frame.rgb.shape[:2]
    return CheckResult(Check.CAMERA, CheckState.OK, f"{camera.describe()}: read a {width}×{height} frame")


OPS_HANDLERS: dict[str, Handler] = {
    "backup": cmd_backup,
    "restore": cmd_restore,
    "salvage": cmd_salvage,
    "doctor": cmd_doctor,
}
