"""Where the kiosk keeps its files, and how private they are.

The bottom layer: the data folder, the database, settings and PIN key paths
beside it, and the file modes that keep biometrics and PIN hashes private to
the kiosk's user. Nothing here opens a database.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from kiosk.errors import DiskFull, StorageError, out_of_space

log = logging.getLogger("kiosk.storage")


PRIVATE_FILE_MODE = 0o600


PRIVATE_DIR_MODE = 0o700


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and missing parents) closed to other users; an existing folder is left as it is."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    except FileExistsError:
        raise StorageError(f"{folder} is a file, not a folder; choose another database path.") from None
    except NotADirectoryError:
        raise StorageError(f"A part of {folder} is a file, not a folder; choose another database path.") from None
    except OSError as error:
        raise StorageError(f"Cannot create the folder {folder} ({error.strerror}); choose another path.") from None


def make_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it does not exist; tighten it to 0600 if it does.

    Created before SQLite opens it, so the file never exists with looser
    permissions, whatever the umask. On Windows the per-user application-data
    folder already keeps other users out; modes there mean little.
    """
    if sys.platform == "win32":
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        try:
            if path.stat().st_mode & 0o077 and path.stat().st_uid == os.getuid():
                os.chmod(path, PRIVATE_FILE_MODE)
        except OSError as error:  # not ours to change: say so, but keep working
            log.warning("cannot make %s private: %s", path, error.strerror)
        return
    except OSError as error:
        if out_of_space(error):
            raise DiskFull(path.parent, f"{path} cannot be created until then") from None
        raise StorageError(f"Cannot create {path} ({error.strerror}); check the folder and free disk space.") from None
    os.close(fd)


def free_bytes(folder: Path) -> int | None:
    """Bytes this user may still write on the disk holding ``folder`` (``None`` if it cannot be asked).

    What :func:`shutil.disk_usage` calls free: on POSIX the blocks left to
    unprivileged users (``f_bavail``), so a disk kept for root alone counts as full.
    """
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None



def default_data_dir() -> Path:
    """Per-user folder for the database and settings file."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "kiosk"


def resolve_db_path(cli_value: str | Path | None) -> Path:
    """``--db`` if given, else ``$KIOSK_DB``, else the per-user default."""
    if cli_value:
        return Path(cli_value)
    if os.environ.get("KIOSK_DB"):
        return Path(os.environ["KIOSK_DB"])
    return default_data_dir() / "attendance.sqlite"


def settings_path_for(db_path: Path) -> Path:
    """Settings live beside the database, so one kiosk folder holds everything."""
    return db_path.with_name(db_path.stem + ".settings.json")



def log_path_for(db_path: Path) -> Path:
    """The kiosk's log file beside the database: ``attendance.log`` for ``attendance.sqlite``.

    Rotated copies are ``attendance.log.1`` … (see :func:`kiosk.logs.install_log_file`).
    A database itself named ``*.log`` gets ``<its name>.log``, so the two never coincide.
    """
    path = db_path.with_name(db_path.stem + ".log")
    return path if path != db_path else db_path.with_name(db_path.name + ".log")


def kiosk_lock_path_for(db_path: Path) -> Path:
    """The file a kiosk window locks for as long as it has the database at ``db_path`` open:
    ``<database file name>.kiosk.lock`` beside it (see :mod:`kiosk.ops.window_lock`)."""
    return db_path.with_name(db_path.name + ".kiosk.lock")


def key_path_for(db_path: Path) -> Path:
    """The key file of the database at ``db_path``: ``<database file name>.key`` beside it.

    The whole file name is kept (``attendance.sqlite.key``) so no database
    name can make the key path equal the database path.
    """
    return db_path.with_name(db_path.name + ".key")

