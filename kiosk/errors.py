"""One exception family for everything the kiosk can refuse or fail at.

Every message is written for the person who will read it: it says what
happened and what to do. The CLI prints ``str(error)`` on one line and exits
non-zero; the GUI shows it in a banner.
"""

from __future__ import annotations


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
