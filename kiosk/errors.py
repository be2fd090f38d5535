"""One exception family for everything the kiosk can refuse or fail at.

Every message is written for the person who will read it: it says what
happened and what to do. The CLI prints ``str(error)`` on one line and exits
non-zero; the GUI shows it in a banner.
"""

from __future__ import annotations

import errno
from pathlib import Path


class KioskError(Exception):
    """Base of every error the kiosk raises on purpose."""

    exit_code: int = 1


class InputError(KioskError):
    """A file, image, video, date or argument the user gave cannot be used."""

    exit_code = 2


class CameraError(KioskError):
    """The camera (or the video file standing in for it) cannot be opened or read."""

    exit_code = 3


class ModelError(KioskError):
    """The dlib models could not be loaded from the face_recognition_models package."""

    exit_code = 4


class StorageError(KioskError):
    """The database is locked, corrupt, or refused a write."""

    exit_code = 5


class DatabaseBusy(StorageError):
    """Another connection holds the database's write lock longer than this one waits.

    Not a fault of the file: whoever gets it retries (the kiosk screen and its
    dialogs say "busy" and try again; the engine keeps the check-in pending).
    """


class DiskFull(StorageError):
    """No space is left where the kiosk must write (SQLite's ``SQLITE_FULL``, or ``ENOSPC`` from the system).

    Not a fault of the data, and nothing was half-written: whoever gets it
    keeps what it meant to write and tries again once space returns (the
    engine keeps a decided check-in pending, as for :class:`DatabaseBusy`).
    ``path`` is the folder (or, for a server, the server) whose disk is full;
    the message names it: ``disk full: free space on /var/lib/kiosk; …``.
    """

    def __init__(self, path: Path | str, what: str = "") -> None:
        self.path = path
        super().__init__(f"disk full: free space on {path}" + (f"; {what}" if what else ""))


def out_of_space(error: BaseException) -> bool:
    """Whether ``error`` is the system saying a disk (or the user's quota on it) is full."""
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
