"""One database, one kiosk window: an operating-system lock held for the window's life.

Two kiosk windows on one database file would stamp their check-ins with the
same device id (it lives in the file, or in the settings beside it), so
their doors could not be told apart, and both would run the daily jobs. The
window takes an exclusive lock on ``<database>.kiosk.lock`` beside the file
(:func:`kiosk.paths.kiosk_lock_path_for`) when it starts and keeps it until
the process ends; a second window on the same file is refused with one line.
The command line and the HR workstation never take it, so they work beside a
running kiosk as before.

The lock is the system's, not a file's existence: ``flock`` on POSIX,
``msvcrt.locking`` on Windows, both released by the system when the process
dies, so a crash or a power cut never leaves a stale lock to clear by hand.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kiosk.errors import StorageError, out_of_space
from kiosk.paths import kiosk_lock_path_for, make_private_file

log = logging.getLogger("kiosk.ops")


class KioskAlreadyOpen(StorageError):
    """Another kiosk window holds the database's window lock (its process id in ``holder``, if known)."""

    def __init__(self, db_path: Path, holder: int | None) -> None:
        self.db_path = db_path
        self.holder = holder
        who = f" (process {holder})" if holder else ""
        super().__init__(
            f"Another kiosk window{who} has {db_path} open; close it first (one window per database file), "
            "or give this one its own database with --db."
        )


class WindowLock:
    """The held lock (:func:`hold_window_lock`); :meth:`release` lets go (also when the process ends)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Unlock and close (idempotent). The file stays: removing it could race with the next window."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> WindowLock:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def hold_window_lock(db_path: Path) -> WindowLock:
    """Take the window lock of the database at ``db_path`` without waiting.

    Raises :class:`KioskAlreadyOpen` if another window (in this or another
    process) holds it, and :class:`~kiosk.errors.StorageError` (a
    :class:`~kiosk.errors.DiskFull` when the disk has no room even for an
    empty file) if the lock file cannot be made. The lock file is private (0600)
    and holds the owner's process id, for the refusal message.
    """
    path = kiosk_lock_path_for(db_path)
    make_private_file(path)
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise StorageError(f"Cannot open {path} ({error.strerror}); check the folder's permissions.") from None
    try:
        _lock(fd)
    except OSError:
        os.close(fd)
        raise KioskAlreadyOpen(db_path, _holder(path)) from None
    _write_holder(fd)
    log.info("kiosk window lock %s held by process %d", path, os.getpid())
    return WindowLock(path, fd)


# The first byte is the one locked (msvcrt locks byte ranges, and a locked range cannot even be
# read by other processes on Windows); the holder's process id follows it.
_PID_OFFSET = 1

if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # raises OSError (EACCES) when another handle holds it

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        # flock, not fcntl's record locks: those belong to the process, so a second window in the
        # same process would get the lock again, and closing any descriptor of the file drops them.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises BlockingIOError when another holds it

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _write_holder(fd: int) -> None:
    """Write this process's id after the locked byte (best effort: a full disk only loses the id)."""
    text = f"\n{os.getpid():<20}\n".encode()  # one length: it overwrites the last holder's, no truncating
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text)
    except OSError as error:
        if not out_of_space(error):
            log.info("kiosk window lock: process id not written (%s)", error)


def _holder(path: Path) -> int | None:
    """The process id the holding window wrote, if it can be read."""
    try:
        with open(path, "rb") as stream:
            stream.seek(_PID_OFFSET)
            return int(stream.read(32).decode("ascii").strip() or "0") or None
    except (OSError, ValueError, UnicodeDecodeError):
        return None
