"""``kiosk doctor``: is this kiosk PC fit to run unattended? One line per check.

Each check answers with a :class:`CheckResult`: a state (ok, warn, fail, or
not checked) and one line saying what was found and, when it is not ok, what
to do. ``kiosk doctor`` exits 1 when any check fails; Administration → System
check shows the same results on the kiosk.

The checks, in order (:class:`Check`):

* **camera**: opens and reads a frame. The check is handed in
  (:data:`CameraProbe`): the command line opens the device, while the kiosk's
  own page reports its running camera instead of stealing it.
* **database**: the full ``integrity_check`` and the schema version; with
  ``repair``, damaged indexes are rebuilt (``REINDEX``). On a server: that it
  answers, at this program's schema.
* **key file**: the PIN key beside the database is there when PINs need it,
  private, 32 bytes, and the key whose fingerprint the database records (a
  kiosk file records none; then that cannot be told without a PIN).
* **disk space**: free space on the database's file system, against the
  ``disk_warning_mb`` setting.
* **clock**: believable by the kiosk's own rules (not behind the newest
  check-in, not before this version's release, near the server's at the last
  sync: :mod:`kiosk.attendance.clock_check`), and synchronised
  (``timedatectl``, where there is one).
* **backup**: the last good backup (:func:`kiosk.ops.backup.last_backup`) is
  at most :data:`~kiosk.ops.backup.BACKUP_OVERDUE` old.
* **Chinese font**: ``fc-list :lang=zh`` finds one (Linux; not checked elsewhere).
* **service**: ``systemctl is-enabled kiosk.service``.

Every check is cheap except the database's, which reads the whole file (about
a second for a year of check-ins). External commands get
:data:`COMMAND_TIMEOUT_S` each.
"""

from __future__ import annotations

import enum
import logging
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.attendance.clock_check import check_clock as judge_clock_of
from kiosk.errors import KioskError
from kiosk.ops.backup import BACKUP_OVERDUE, age_text, last_backup
from kiosk.ops.health import MEGABYTE, disk_warning
from kiosk.ops.integrity import check_integrity, open_file, rebuild_indexes
from kiosk.paths import free_bytes, key_path_for
from kiosk.security.hashing import KEYED_SCHEME
from kiosk.security.keyfile import KEY_BYTES, key_fingerprint, read_key
from kiosk.settings.specs import Settings
from kiosk.storage.location import DatabaseLocation
from kiosk.storage.schema import FINGERPRINT_SETTING, SCHEMA_VERSION

log = logging.getLogger("kiosk.ops")

SERVICE_UNIT = "kiosk.service"
"""The systemd unit the package installs (``installer/``)."""

COMMAND_TIMEOUT_S = 10.0
"""Seconds an external command (``fc-list``, ``systemctl``, ``timedatectl``) may take before it counts as no answer."""


class Check(enum.StrEnum):
    """The checks, in the order they run and are shown."""

    CAMERA = "camera"
    DATABASE = "database"
    KEY_FILE = "key file"
    DISK = "disk space"
    CLOCK = "clock"
    BACKUP = "backup"
    FONT = "Chinese font"
    SERVICE = "service"


class CheckState(enum.StrEnum):
    """How a check came out; only :attr:`FAIL` makes ``kiosk doctor`` exit 1."""

    OK = "ok"
    WARN = "warn"
    """Worth knowing, nothing broken now (an older schema the kiosk upgrades, not installed as a service)."""
    FAIL = "fail"
    SKIPPED = "not checked"


@dataclass(frozen=True)
class CheckResult:
    check: Check
    state: CheckState
    message: str

    def line(self) -> str:
        """``ok    database      integrity ok, schema 7, 6000 events``: what ``kiosk doctor`` prints."""
        return f"{self.state.value:<12}{self.check.value:<14}{self.message}"


CameraProbe = Callable[[], CheckResult]
"""Checks the camera: opens it and reads a frame (the CLI), or asks the running kiosk (the System check page)."""


def _run(args: Sequence[str]) -> tuple[int, str]:
    """Exit code and standard output of ``args`` (-1 and the error when it cannot run or times out)."""
    try:
        done = subprocess.run(list(args), capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return -1, str(error)
    return done.returncode, done.stdout


@dataclass(frozen=True)
class System:
    """The operating system as the checks see it; tests pass another platform or fake commands."""

    platform: str = sys.platform
    which: Callable[[str], str | None] = shutil.which
    run: Callable[[Sequence[str]], tuple[int, str]] = _run


def failed(results: Sequence[CheckResult]) -> bool:
    """True when any check failed: ``kiosk doctor``'s exit code 1."""
    return any(result.state is CheckState.FAIL for result in results)


def run_checks(
    location: DatabaseLocation,
    settings: Settings,
    *,
    camera: CameraProbe | None,
    repair: bool = False,
    now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    system: System | None = None,
) -> list[CheckResult]:
    """Every check, in :class:`Check` order; a check that breaks is a failed check, never an exception.

    ``camera``: how to check the camera (None: there is none here, such as on
    the HR workstation). ``repair``: rebuild damaged indexes, and make a key
    file other users can read private.
    """
    system = system or System()
    checks: list[tuple[Check, Callable[[], CheckResult]]] = [
        (Check.CAMERA, camera or (lambda: CheckResult(Check.CAMERA, CheckState.SKIPPED, "no camera on this machine"))),
        (Check.DATABASE, lambda: check_database(location, repair=repair)),
        (Check.KEY_FILE, lambda: check_key_file(location, repair=repair)),
        (Check.DISK, lambda: check_disk(location, settings.disk_warning_mb)),
        (Check.CLOCK, lambda: check_clock(location, now(), system)),
        (Check.BACKUP, lambda: check_backup(location, settings, now())),
        (Check.FONT, lambda: check_font(system)),
        (Check.SERVICE, lambda: check_service(system)),
    ]
    results = []
    for check, run in checks:
        try:
            result = run()
        except KioskError as error:
            result = CheckResult(check, CheckState.FAIL, " ".join(str(error).split()))
        except Exception as error:  # a bug in one check must not hide the others
            log.exception("check %s crashed", check)
            result = CheckResult(check, CheckState.FAIL, f"the check itself failed: {type(error).__name__}: {error}")
        if result.state is CheckState.FAIL:
            log.info("doctor: %s: %s", check, result.message)
        results.append(result)
    return results


# --------------------------------------------------------------------- database


def _counts(conn: sqlite3.Connection) -> tuple[int, int, int]:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    events = int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    employees = int(conn.execute("SELECT count(*) FROM employees").fetchone()[0])
    return version, events, employees


def check_database(location: DatabaseLocation, *, repair: bool = False) -> CheckResult:
    """Integrity (full check) and schema version of the database; see the module docstring."""
    if location.url is not None:
        return _check_server(location)
    path = location.path
    if not path.is_file():
        return CheckResult(Check.DATABASE, CheckState.FAIL, f"database not found: {path}")
    report = check_integrity(path, log_problems=False)
    repaired = ""
    if not report.ok and report.index_only and repair:
        after = rebuild_indexes(path, report.damaged_indexes)
        if after.ok:
            repaired = (f"rebuilt the damaged index {', '.join(report.damaged_indexes)} from its table "
                        "(a row that changed stays changed: the last backup has it as it was); ")
            report = after
    if not report.ok and report.index_only:
        names = ", ".join(report.damaged_indexes)
        return CheckResult(Check.DATABASE, CheckState.FAIL,
                           f"{path}: damaged index {names} ({report.summary()}); run kiosk doctor --repair")
    if not report.ok:
        return CheckResult(Check.DATABASE, CheckState.FAIL, f"{path} is damaged ({report.summary()}); "
                           "restore the last good backup (kiosk restore) or salvage it (kiosk salvage)")
    try:
        with open_file(path) as conn:
            version, events, employees = _counts(conn)
    except sqlite3.Error:
        return CheckResult(Check.DATABASE, CheckState.FAIL, f"{path} is not a kiosk database")
    summary = f"{repaired}integrity ok, schema {version}, {events} check-ins, {employees} staff"
    if version > SCHEMA_VERSION:
        return CheckResult(Check.DATABASE, CheckState.FAIL, f"{summary}: written by a newer kiosk "
                           f"(this one knows schema {SCHEMA_VERSION}); update this kiosk")
    if version < SCHEMA_VERSION:
        return CheckResult(Check.DATABASE, CheckState.WARN,
                           f"{summary}: an older schema; the kiosk upgrades it to {SCHEMA_VERSION} when it opens it")
    return CheckResult(Check.DATABASE, CheckState.OK, summary)


def _check_server(location: DatabaseLocation) -> CheckResult:
    from kiosk.storage.repository import Repository

    with Repository(location.url or "", read_only=True, files_base=location.path):
        pass  # opening read-only checks the connection and that the schema is this program's
    return CheckResult(Check.DATABASE, CheckState.OK,
                       f"{location}: reachable, schema {SCHEMA_VERSION} (its integrity is the server's to keep)")


# --------------------------------------------------------------------- key file


def _key_facts(location: DatabaseLocation) -> tuple[bool, str | None]:
    """Whether the database holds keyed PIN hashes, and the key fingerprint it records (if any)."""
    if location.url is not None:
        from kiosk.security.pins import PinStore
        from kiosk.storage.repository import Repository

        with Repository(location.url, read_only=True, files_base=location.path) as repo:
            return PinStore(repo).has_keyed_hashes(), repo.settings.get(FINGERPRINT_SETTING)
    prefix = KEYED_SCHEME + "$"
    with open_file(location.path) as conn:
        keyed = conn.execute(
            "SELECT EXISTS (SELECT 1 FROM settings WHERE substr(value, 1, ?) = ?) "
            "OR EXISTS (SELECT 1 FROM employees WHERE substr(pin_hash, 1, ?) = ?)", [len(prefix), prefix] * 2,
        ).fetchone()[0]
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [FINGERPRINT_SETTING]).fetchone()
    return bool(keyed), (str(row[0]) if row else None)


def check_key_file(location: DatabaseLocation, *, repair: bool = False) -> CheckResult:
    """The PIN key file: present when PINs need it, private, a key, and the recorded one (see the module docstring)."""
    path = key_path_for(location.path)
    if location.url is None and not location.path.is_file():
        return CheckResult(Check.KEY_FILE, CheckState.SKIPPED, "no database to check it against")
    keyed, recorded = _key_facts(location)
    if not path.exists():
        if keyed:
            read_key(path)  # raises the one-line "missing" message with the way out
        return CheckResult(Check.KEY_FILE, CheckState.OK, f"{path}: none yet (it is made with the first PIN)")
    made_private = ""
    mode = stat.S_IMODE(path.stat().st_mode)
    if sys.platform != "win32" and mode & 0o077:
        if not repair:
            return CheckResult(Check.KEY_FILE, CheckState.FAIL, f"{path} is readable by other users "
                               f"(mode {mode:o}); run kiosk doctor --repair, or chmod 600 it")
        os.chmod(path, 0o600)
        made_private = "made private; "
    fingerprint = key_fingerprint(read_key(path))
    if recorded is not None and recorded != fingerprint:
        return CheckResult(Check.KEY_FILE, CheckState.FAIL, f"{path} is not the key this database's PINs are made "
                           f"with (fingerprint {fingerprint}, the database names {recorded}); restore the right one")
    if recorded is not None:
        which = "the key the database names"
    elif keyed:
        which = "the database records no fingerprint to compare it with"
    else:
        which = "no PIN uses it yet"
    return CheckResult(Check.KEY_FILE, CheckState.OK,
                       f"{made_private}private, {KEY_BYTES} bytes, fingerprint {fingerprint}: {which}")


# --------------------------------------------------------------------- disk, clock, backup


def check_disk(location: DatabaseLocation, warning_mb: int) -> CheckResult:
    """Free space where the database (or, for a server, its local files) lives, against ``warning_mb``
    (the kiosk's own warning, :func:`kiosk.ops.health.disk_warning`)."""
    folder = location.path.parent
    warning = disk_warning(folder, warning_mb)
    if warning is not None:
        return CheckResult(Check.DISK, CheckState.FAIL, f"{warning.detail}; free some space or move the database")
    free = free_bytes(folder)
    if free is None:
        return CheckResult(Check.DISK, CheckState.SKIPPED, f"the free space on {folder} cannot be read")
    return CheckResult(Check.DISK, CheckState.OK, f"{free // MEGABYTE} MB free on {folder}")


def check_clock(location: DatabaseLocation, now: datetime, system: System) -> CheckResult:
    """This computer's clock by the kiosk's own rules (:mod:`kiosk.attendance.clock_check`: the
    newest check-in, the release day, the server at the last sync), and whether it is synchronised."""
    from kiosk.storage.repository import Repository

    shown = now.isoformat(sep=" ", timespec="minutes")
    try:
        with Repository(location.url or location.path, read_only=True, files_base=location.path) as repo:
            verdict = judge_clock_of(repo, now)
    except KioskError:
        return CheckResult(Check.CLOCK, CheckState.SKIPPED, f"{shown}; the database cannot be read to compare with")
    if verdict.suspect:
        return CheckResult(Check.CLOCK, CheckState.FAIL,
                           f"{verdict.describe()}; set the date and time, and turn on time synchronisation")
    compared = "no check-in to compare with" if verdict.newest_logged is None else "not behind the newest check-in"
    if verdict.server_offset_s is not None:
        compared += f", {abs(verdict.server_offset_s):.0f} s from the server's clock at the last sync"
    synced = _synchronised(system)
    if synced is False:
        return CheckResult(Check.CLOCK, CheckState.WARN,
                           f"{shown}, {compared}; not synchronised (timedatectl set-ntp true)")
    suffix = "; synchronised" if synced else ""
    return CheckResult(Check.CLOCK, CheckState.OK, f"{shown}, {compared}{suffix}")


def _synchronised(system: System) -> bool | None:
    """``timedatectl``'s NTPSynchronized (None where there is no answer)."""
    if system.platform != "linux" or system.which("timedatectl") is None:
        return None
    code, output = system.run(["timedatectl", "show", "-p", "NTPSynchronized", "--value"])
    answer = output.strip()
    return None if code != 0 or answer not in ("yes", "no") else answer == "yes"


def check_backup(location: DatabaseLocation, settings: Settings, now: datetime) -> CheckResult:
    """The last good backup's age, and that the backup folder (if set) is there."""
    if location.url is not None:
        return CheckResult(Check.BACKUP, CheckState.SKIPPED,
                           "a server is backed up with pg_dump (kiosk backup shows the command)")
    record = last_backup(location.path)
    folder = Path(settings.backup_folder) if settings.backup_folder else None
    missing = folder is not None and not folder.is_dir()
    if record is None:
        how = (f"the backup folder {folder} is not there (plug in the USB stick, or create it)" if missing else
               f"the kiosk makes the first in {folder} soon after it starts; kiosk backup makes one now" if folder
               else "set a backup folder in Settings, or run kiosk backup --to DIR")
        return CheckResult(Check.BACKUP, CheckState.FAIL, f"no backup yet: {how}")
    age = record.age(now.astimezone(UTC))
    said = f"last good backup {age_text(age)} ago: {record.file} ({record.events} events)"
    if age > BACKUP_OVERDUE:
        why = f"; the backup folder {folder} is not there" if missing else ""
        return CheckResult(Check.BACKUP, CheckState.FAIL, f"{said}{why}; older than {BACKUP_OVERDUE.days} days")
    if missing:
        return CheckResult(Check.BACKUP, CheckState.WARN, f"{said}; the backup folder {folder} is not there now")
    return CheckResult(Check.BACKUP, CheckState.OK, said)


# --------------------------------------------------------------------- font, service


def check_font(system: System) -> CheckResult:
    """A font with Chinese glyphs, as fontconfig lists them (Linux); not checked elsewhere."""
    if system.platform != "linux":
        return CheckResult(Check.FONT, CheckState.SKIPPED, "not checked on this system (it brings its own)")
    if system.which("fc-list") is None:
        return CheckResult(Check.FONT, CheckState.SKIPPED, "fc-list (fontconfig) not found")
    code, output = system.run(["fc-list", ":lang=zh", "family"])
    families = sorted({line.split(",")[0].strip() for line in output.splitlines() if line.strip()})
    if code != 0 or not families:
        return CheckResult(Check.FONT, CheckState.FAIL,
                           "no Chinese font: Chinese text shows as boxes; sudo apt-get install fonts-noto-cjk")
    more = f" and {len(families) - 2} more" if len(families) > 2 else ""
    return CheckResult(Check.FONT, CheckState.OK, ", ".join(families[:2]) + more)


def check_service(system: System) -> CheckResult:
    """Whether the kiosk starts at boot: ``systemctl is-enabled`` of :data:`SERVICE_UNIT`."""
    if system.which("systemctl") is None:
        return CheckResult(Check.SERVICE, CheckState.WARN, "not installed as a service (no systemctl here)")
    code, output = system.run(["systemctl", "is-enabled", SERVICE_UNIT])
    answer = output.strip()
    if code == 0 and answer in ("enabled", "enabled-runtime", "static", "alias", "indirect", "generated"):
        return CheckResult(Check.SERVICE, CheckState.OK, f"{SERVICE_UNIT} is {answer}: it starts at boot")
    if answer in ("disabled", "masked", "masked-runtime", "linked", "linked-runtime"):
        return CheckResult(Check.SERVICE, CheckState.FAIL, f"{SERVICE_UNIT} is {answer}: it does not start at boot; "
                           f"sudo systemctl enable {SERVICE_UNIT}")
    return CheckResult(Check.SERVICE, CheckState.WARN, "not installed as a service")
