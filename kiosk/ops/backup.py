"""Backups of a kiosk's SQLite file, and restoring one.

:func:`backup_database` copies the database with SQLite's online backup API
(:meth:`sqlite3.Connection.backup`, in one step): the copy is the database as
it stood at one moment, WAL included, while the kiosk keeps writing
check-ins. A plain file copy would miss what still sits in the ``-wal`` file,
and might catch a page half written. The copy is written private (0600) under
a temporary name, switched out of WAL mode so it is one self-contained file,
checked with the full ``integrity_check`` and only then renamed to
``<database name>-YYYYMMDD-HHMMSS.sqlite``. The PIN key file and the settings
file travel with it, named as they would be beside a database of that name
(``….sqlite.key``, ``….settings.json``), so a restore finds them by the same
rule as the kiosk does. The last ``keep`` backups of that database in the
folder are kept; older ones (and their companions) are deleted.

Whoever holds a backup holds everything: face templates, PIN hashes and the
PIN key that makes them guessable. Keep backups where only people allowed to
see all of it can read them (see the README).

:func:`restore_database` verifies a backup (integrity, a kiosk database, a
schema this program knows), keeps a safety copy of the current database
beside it, and writes the backup's pages into the database through the same
backup API, so the current file's WAL cannot outlive the restore.

A PostgreSQL server is backed up with its own tool, ``pg_dump``
(:func:`pg_dump_command`); nothing here imitates it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shlex
import shutil
import sqlite3
import sys
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from kiosk.errors import DatabaseBusy, InputError, StorageError
from kiosk.ops.integrity import IntegrityReport, integrity_of, open_file
from kiosk.ops.window_lock import KioskAlreadyOpen, hold_window_lock
from kiosk.paths import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, key_path_for, make_private_dir, settings_path_for
from kiosk.settings.specs import SPECS
from kiosk.storage.models import parse_utc, utc_text
from kiosk.storage.postgres import display_url
from kiosk.storage.schema import SCHEMA_VERSION
from kiosk.storage.settings_table import store_setting
from kiosk.storage.sqlite import describe_error

log = logging.getLogger("kiosk.ops")

DEFAULT_KEEP = int(SPECS["backup_keep"].default)
"""Backups of one database kept in a folder unless told otherwise (the ``backup_keep`` setting's default)."""

BACKUP_OVERDUE = timedelta(days=2)
"""Admins are warned when the last good backup is older than this: a daily backup that
failed once is retried the next day; two days means something needs a person."""

BACKUP_RECORD_KEY = "ops.last_backup"
"""The database's own note of its last good backup (JSON: ``at_utc``, ``file``, ``events``),
read by ``kiosk doctor`` and the admin warning."""

_STAMP = "%Y%m%d-%H%M%S"
_REQUIRED_TABLES = frozenset({"employees", "events", "audit_log", "settings"})


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


@dataclass(frozen=True)
class BackupResult:
    """One backup written: where, when (local time of the kiosk), and what it holds."""

    path: Path
    taken_at: datetime
    events: int
    size_bytes: int
    companions: tuple[Path, ...]
    """The PIN key and settings files copied beside it (those that exist)."""
    removed: tuple[Path, ...]
    """Older backups deleted to keep the last ``keep`` (with their companions)."""
    integrity: IntegrityReport
    """The full integrity check of the database as copied. Damage confined to indexes was
    rebuilt in the copy (``kiosk doctor --repair`` rebuilds it in the database)."""

    @property
    def repaired_indexes(self) -> tuple[str, ...]:
        """Indexes damaged in the database and rebuilt in the copy."""
        return self.integrity.damaged_indexes


@dataclass(frozen=True)
class BackupRecord:
    """The last good backup the database knows of (:data:`BACKUP_RECORD_KEY`)."""

    at: datetime
    file: str
    events: int

    def age(self, now: datetime) -> timedelta:
        return now - self.at


@dataclass(frozen=True)
class BackupInfo:
    """A verified backup file: sound, a kiosk database, a schema this program can open."""

    path: Path
    schema_version: int
    events: int
    employees: int


@dataclass(frozen=True)
class RestoreResult:
    """What :func:`restore_database` did."""

    info: BackupInfo
    safety_copy: Path | None
    """The database as it was before, beside it (None: there was none)."""
    key_restored: bool
    settings_restored: bool


def local_now() -> datetime:
    return datetime.now().astimezone()


# --------------------------------------------------------------------- backup


def backup_name(db: Path, at: datetime) -> str:
    """``attendance-20261123-085500.sqlite`` for ``attendance.sqlite`` at 08:55:00 local time."""
    return f"{db.stem}-{at.strftime(_STAMP)}.sqlite"


def backups_in(folder: Path, db: Path) -> list[Path]:
    """The backups of ``db`` (by name) in ``folder``, oldest first; other files are never touched."""
    pattern = re.compile(re.escape(db.stem) + r"-(\d{8}-\d{6})(?:-(\d+))?\.sqlite")
    if not folder.is_dir():
        return []
    found = [(match[1], int(match[2] or 1), path) for path in folder.iterdir()
             if (match := pattern.fullmatch(path.name))]
    return [path for _stamp, _number, path in sorted(found)]


def backup_database(db: Path, folder: Path, *, keep: int = DEFAULT_KEEP, now: datetime | None = None,
                    record: bool = True, create_folder: bool = True) -> BackupResult:
    """Back the SQLite database ``db`` up into ``folder``; see the module docstring.

    ``create_folder``: make ``folder`` (private) if it is missing. The daily
    backup passes False: its folder is on a USB stick or a share, and a stick
    that is not plugged in must not turn into a folder on the kiosk's own disk.

    Consistent while other connections write. ``keep``: backups of ``db``
    left in ``folder`` afterwards (at least 1). ``record``: note the backup in
    the database itself (:data:`BACKUP_RECORD_KEY`), for ``kiosk doctor`` and
    the admins' warning. A copy that fails the integrity check is deleted and
    nothing replaces an older backup; damage confined to indexes is rebuilt in
    the copy, which is then sound, and reported in the result. Raises
    :class:`~kiosk.errors.StorageError` with one line.
    """
    if keep < 1:
        raise InputError(f"--keep must be 1 or more, not {keep}")
    taken_at = now or local_now()
    if not db.is_file():
        raise StorageError(f"database not found: {db}")
    _backup_folder(folder, create_folder)
    target = _free_name(folder, backup_name(db, taken_at))
    tmp = folder / f".{target.name}.tmp"
    _create_private(tmp)
    try:
        report, events = _copy_into(db, tmp, target, taken_at)
        companions = _copy_companions(db, target)
        _sync_file(tmp)
        os.replace(tmp, target)
        _sync_folder(folder)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    removed = _prune(folder, db, keep)
    size = target.stat().st_size
    log.info("backup of %s written to %s (%d events, %d bytes)", db, target, events, size)
    result = BackupResult(target, taken_at, events, size, companions, removed, report)
    if record:
        record_backup(db, result)
    return result


def _backup_folder(folder: Path, create: bool) -> None:
    """Make ``folder`` (private) if it is missing and ``create``; one line on what is wrong with it otherwise."""
    if folder.is_dir():
        return
    if folder.exists():
        raise StorageError(f"The backup folder {folder} is a file, not a folder; choose another backup folder.")
    if not create:
        raise StorageError(f"The backup folder {folder} is not there; plug in the USB stick (or connect the share) "
                           "that holds it, or create it.")
    try:
        folder.mkdir(mode=PRIVATE_DIR_MODE, parents=True)
    except OSError as error:
        raise StorageError(f"Cannot create the backup folder {folder} ({error.strerror}); "
                           "is the USB stick or network share there?") from None


def _free_name(folder: Path, name: str) -> Path:
    """``name`` in ``folder``, or ``…-2.sqlite``, ``…-3.sqlite`` if taken (two backups in one second)."""
    path = folder / name
    number = 1
    while path.exists() or key_path_for(path).exists():
        number += 1
        path = folder / f"{name.removesuffix('.sqlite')}-{number}.sqlite"
    return path


def _create_private(path: Path) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    except OSError as error:
        raise StorageError(f"Cannot write in {path.parent} ({error.strerror}); check the folder and its free space.")\
            from None
    os.close(fd)


def _copy_into(db: Path, tmp: Path, target: Path, taken_at: datetime) -> tuple[IntegrityReport, int]:
    """The online backup of ``db`` into the empty file ``tmp`` (to become ``target``), self-contained and checked."""
    with open_file(db) as source:
        try:
            _require_kiosk_database(db, source)
            destination = sqlite3.connect(tmp, isolation_level=None)
        except sqlite3.Error as error:
            raise describe_error(db, error) from error
        try:
            try:
                source.backup(destination)  # one step: one consistent snapshot, whatever writes meanwhile
            except sqlite3.Error as error:
                raise describe_error(db, error) from error
            try:
                destination.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal to forget
                report = integrity_of(destination)
                if not report.ok and report.index_only:
                    log.error("the database %s has damaged indexes (%s); rebuilt in its backup",
                              db, ", ".join(report.damaged_indexes))
                    for name in report.damaged_indexes:
                        destination.execute(f'REINDEX "{name}"')
                    if not integrity_of(destination).ok:
                        report = replace(report, index_only=False)
                if not report.ok and not report.index_only:
                    raise StorageError(
                        f"The database {db} is damaged ({report.summary()}); no backup was written. "
                        "Restore the last good backup (kiosk restore) or salvage it (kiosk salvage)."
                    )
                events = int(destination.execute("SELECT count(*) FROM events").fetchone()[0])
                # The copy knows it is a good backup too: restored, it names the file it came from.
                store_setting(destination, BACKUP_RECORD_KEY, _record_text(taken_at, target, events))
                return report, events
            except sqlite3.Error as error:
                raise describe_error(tmp, error) from error
        finally:
            destination.close()


def _require_kiosk_database(path: Path, conn: sqlite3.Connection) -> int:
    """The schema version of the kiosk database ``conn``; :class:`StorageError` for any other file."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    tables = {str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version == 0 or not tables >= _REQUIRED_TABLES:
        raise StorageError(f"{path} is not a kiosk database; choose another file.")
    return version


def _copy_companions(db: Path, target: Path) -> tuple[Path, ...]:
    """The PIN key and settings of ``db``, copied private beside ``target`` under its names."""
    copied = []
    for source, destination in ((key_path_for(db), key_path_for(target)),
                                (settings_path_for(db), settings_path_for(target))):
        if source.is_file():
            copy_private(source, destination)
            copied.append(destination)
    return tuple(copied)


def copy_private(source: Path, destination: Path) -> None:
    """Copy ``source`` to ``destination`` through a private (0600) temporary file and a rename."""
    tmp = destination.with_name(f".{destination.name}.tmp")
    tmp.unlink(missing_ok=True)
    _create_private(tmp)
    try:
        with source.open("rb") as reading, tmp.open("r+b") as writing:
            shutil.copyfileobj(reading, writing)
            writing.flush()
            os.fsync(writing.fileno())
        os.replace(tmp, destination)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"Cannot copy {source} to {destination} ({error.strerror}).") from None


def _sync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); Windows has no directory handles to flush."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems (a network share) refuse; the data itself is synced
        pass
    finally:
        os.close(fd)


def _prune(folder: Path, db: Path, keep: int) -> tuple[Path, ...]:
    old = backups_in(folder, db)[:-keep]
    for path in old:
        for file in (path, key_path_for(path), settings_path_for(path)):
            file.unlink(missing_ok=True)
        log.info("deleted old backup %s (keeping the last %d)", path, keep)
    return tuple(old)


def _record_text(at: datetime, path: Path, events: int) -> str:
    return json.dumps({"at_utc": utc_text(at), "file": str(path), "events": events})


def record_backup(db: Path, result: BackupResult) -> None:
    """Note ``result`` in ``db`` as its last good backup; a database too busy to write it is logged, not fatal."""
    value = _record_text(result.taken_at, result.path, result.events)
    try:
        with open_file(db, write=True) as conn:
            # BEGIN IMMEDIATE takes the write lock first, waiting for a check-in being written: a
            # plain upsert starts as a reader and, in WAL mode, fails at once ("database is locked")
            # when another process committed since, which SQLite's busy wait does not retry.
            conn.execute("BEGIN IMMEDIATE")
            store_setting(conn, BACKUP_RECORD_KEY, value)
            conn.execute("COMMIT")
    except (sqlite3.Error, StorageError) as error:
        log.warning("backup %s written, but not noted in %s: %s", result.path, db, _one_line(error))


def last_backup(db: Path) -> BackupRecord | None:
    """The last good backup ``db`` has noted, or None (never backed up, or unreadable)."""
    try:
        with open_file(db) as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", [BACKUP_RECORD_KEY]).fetchone()
    except (sqlite3.Error, StorageError):
        return None
    if row is None:
        return None
    try:
        stored = json.loads(row[0])
        return BackupRecord(parse_utc(stored["at_utc"]), str(stored["file"]), int(stored["events"]))
    except (ValueError, KeyError, TypeError):
        return None


def pg_dump_command(url: str, folder: Path, now: datetime | None = None) -> str:
    """The ``pg_dump`` command that backs up the server at ``url`` into ``folder``: the URL without its
    password (libpq reads it from ``~/.pgpass``) but with its parameters (``sslmode``), quoted for a shell."""
    parts = urlsplit(url.strip())
    without_password = urlunsplit((parts.scheme, urlsplit(display_url(url)).netloc, parts.path, parts.query, ""))
    name = parts.path.strip("/") or "kiosk"
    file = folder / f"{name}-{(now or local_now()).strftime(_STAMP)}.dump"
    return f"pg_dump --format=custom --file={shlex.quote(str(file))} {shlex.quote(without_password)}"


# --------------------------------------------------------------------- restore


def verify_backup(path: Path) -> BackupInfo:
    """Check the backup file ``path`` before anything is restored from it; never writes to it.

    Refused with one line: a missing file, a file that is not SQLite, one that
    fails the full integrity check, a database that is not a kiosk's, and one
    from a newer kiosk (its schema is newer than :data:`SCHEMA_VERSION`).
    """
    if not path.is_file():
        raise InputError(f"backup not found: {path}")
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True, isolation_level=None)
    except sqlite3.Error as error:
        raise StorageError(f"{path} cannot be opened ({_one_line(error)}); choose another backup.") from None
    try:
        try:
            conn.execute("PRAGMA schema_version").fetchone()
            report = integrity_of(conn)
        except sqlite3.DatabaseError as error:
            what = "is damaged" if "malformed" in str(error).lower() else "is not an SQLite database"
            raise StorageError(f"{path} {what} ({_one_line(error)}); choose another backup.") from None
        if not report.ok:
            raise StorageError(f"{path} is damaged ({report.summary()}); choose another backup.")
        try:
            version = _require_kiosk_database(path, conn)
            events = int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
            employees = int(conn.execute("SELECT count(*) FROM employees").fetchone()[0])
        except sqlite3.Error as error:
            raise StorageError(f"{path} is not a kiosk backup ({_one_line(error)}); choose another backup.") from None
    finally:
        conn.close()
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"{path} was written by a newer kiosk (schema {version}, this one knows {SCHEMA_VERSION}); "
            "update this kiosk first, then restore."
        )
    return BackupInfo(path, version, events, employees)


def restore_database(backup: Path, db: Path, *, now: datetime | None = None, actor: str = "cli") -> RestoreResult:
    """Replace the database ``db`` with the verified backup ``backup``; see the module docstring.

    The current database (if any), its PIN key and settings are first copied
    to ``<name>-before-restore-YYYYMMDD-HHMMSS.sqlite`` beside it. The backup's
    PIN key and settings, when it has them, replace the current ones (its PIN
    hashes need its key). The restore is audited in the restored database as
    ``restore``, by ``actor``. Stop the kiosk first: a kiosk window on the
    database holds its window lock (:mod:`kiosk.ops.window_lock`), and the
    restore is refused with one line; so is one while another program writes.
    """
    info = verify_backup(backup)
    if db.exists() and db.resolve() == backup.resolve():
        raise InputError(f"{backup} is the database itself; choose a backup file")
    at = now or local_now()
    make_private_dir(db.parent)
    try:
        lock = hold_window_lock(db)  # no kiosk window may work on the file meanwhile
    except KioskAlreadyOpen as error:
        raise StorageError(f"{error} Stop the kiosk (sudo systemctl stop kiosk), then restore.") from None
    with lock:
        safety = _safety_copy(db, at) if db.exists() else None
        _write_pages(backup, db)
        key_restored = settings_restored = False
        if key_path_for(backup).is_file():
            copy_private(key_path_for(backup), key_path_for(db))
            key_restored = True
        if settings_path_for(backup).is_file():
            copy_private(settings_path_for(backup), settings_path_for(db))
            settings_restored = True
        _audit_restore(db, info, safety, actor)
    log.info("database %s restored from %s (schema %d, %d events); the one before is %s",
                db, backup, info.schema_version, info.events, safety)
    return RestoreResult(info, safety, key_restored, settings_restored)


def _safety_copy(db: Path, at: datetime) -> Path:
    """The current database (and its key and settings) beside it, before a restore overwrites it.

    Through the backup API when SQLite can read it; byte for byte (with its
    ``-wal``) when it cannot: a damaged database is the usual reason to restore.
    """
    safety = _free_name(db.parent, f"{db.stem}-before-restore-{at.strftime(_STAMP)}.sqlite")
    _create_private(safety)
    try:
        with open_file(db) as source:
            destination = sqlite3.connect(safety, isolation_level=None)
            try:
                source.backup(destination)
                destination.execute("PRAGMA journal_mode=DELETE")
            finally:
                destination.close()
    except (sqlite3.Error, StorageError) as error:
        log.warning("copying %s as it is (SQLite cannot read it: %s)", db, _one_line(error))
        copy_private(db, safety)
        wal = db.with_name(db.name + "-wal")
        if wal.is_file():
            copy_private(wal, safety.with_name(safety.name + "-wal"))
    for companion, kept in ((key_path_for(db), key_path_for(safety)),
                            (settings_path_for(db), settings_path_for(safety))):
        if companion.is_file():
            copy_private(companion, kept)
    return safety


def _write_pages(backup: Path, db: Path) -> None:
    """Write the backup's pages into ``db`` through the backup API (WAL and other connections stay consistent);
    a missing file, or one SQLite cannot use, is replaced as a file instead (its safety copy is made)."""
    if db.is_file():
        try:
            source = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
            try:
                with open_file(db, write=True) as destination:
                    destination.execute("PRAGMA schema_version").fetchone()
                    source.backup(destination)
                    return
            finally:
                source.close()
        except sqlite3.OperationalError as error:  # busy, read-only, no room: say so, replace nothing
            problem = describe_error(db, error)
            if isinstance(problem, DatabaseBusy):
                raise StorageError(
                    f"The database {db} is in use; stop the kiosk (sudo systemctl stop kiosk) and restore again."
                ) from None
            raise problem from error
        except sqlite3.DatabaseError as error:  # damaged beyond SQLite's use: replace the file
            log.warning("replacing %s as a file: %s", db, _one_line(error))
    for leftover in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)  # an old WAL must never be applied to the restored file
    copy_private(backup, db)


def _audit_restore(db: Path, info: BackupInfo, safety: Path | None, actor: str) -> None:
    from kiosk.storage.repository import Repository

    with Repository(db) as repo:  # migrates a backup from an older kiosk, as opening it would
        repo.audit.record(actor, "restore", f"from {info.path} (schema {info.schema_version}, {info.events} events); "
                          f"the database before it: {safety or 'none'}")


def age_text(age: timedelta) -> str:
    """``3 days``, ``5 h``, ``12 min``: how long ago, roughly, for a log line or a check."""
    seconds = max(0, int(age.total_seconds()))
    if seconds >= 2 * 86400:
        return f"{seconds // 86400} days"
    if seconds >= 3600:
        return f"{seconds // 3600} h"
    return f"{seconds // 60} min"


def overdue(record: BackupRecord | None, now: datetime) -> bool:
    """True when the last good backup is older than :data:`BACKUP_OVERDUE`, or there is none."""
    return record is None or record.age(now.astimezone(UTC)) > BACKUP_OVERDUE
