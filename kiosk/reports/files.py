"""Where a report is written: the one set of checks and failures every export shares.

Every report is written beside its destination under a temporary name and
renamed into place (so a failure never leaves half a file, and an old report
is replaced in one step), readable by others (0644: reports are meant to be
shared, unlike the kiosk's own files). What can go wrong is said in one line
naming the path; a full disk is :class:`~kiosk.errors.DiskFull`.
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.errors import DiskFull, InputError, KioskError, out_of_space

SHARED_FILE_MODE = 0o644
"""A report's mode: HR opens it, mails it, copies it to a share."""


def check_destination(path: Path, example: str) -> None:
    """Refuse a folder given as the file, or a folder that does not exist; ``example`` is a file name to suggest."""
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name such as {path / example}.")
    if not path.parent.is_dir():
        raise InputError(f"The folder {path.parent} does not exist; create it or choose another.")


def cannot_start(folder: Path, path: Path, error: OSError) -> KioskError:
    """The error for a temporary file that could not even be made in ``folder``."""
    if out_of_space(error):
        return DiskFull(folder, f"{path} was not written")
    return InputError(f"Cannot write in {folder} ({error.strerror}); choose another folder.")


def write_failed(path: Path, cause: object, advice: str) -> KioskError:
    """The error for ``path`` not written because of ``cause`` (an exception, or what a library
    handed on as one); ``advice`` says what to do."""
    if isinstance(cause, BaseException) and out_of_space(cause):
        return DiskFull(path.parent, f"{path} was not written")
    reason = getattr(cause, "strerror", None) or str(cause)
    return InputError(f"Cannot write {path} ({reason}); {advice}".replace("\n", " "))


def publish(temp: Path, path: Path) -> None:
    """Flush ``temp`` to the disk, make it shareable and rename it over ``path`` in one step."""
    with open(temp, "rb+") as stream:
        os.fsync(stream.fileno())
    os.chmod(temp, SHARED_FILE_MODE)  # mkstemp and scratch files start private
    os.replace(temp, path)
