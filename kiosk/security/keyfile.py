"""The PIN key ("pepper"): 32 random bytes kept beside the database, never in it.

Every PIN hash stored from now on is keyed with it (see
:func:`kiosk.security.hashing.hash_secret`), so a copy of the database alone is not
enough to guess PINs offline: the thief also needs this file, which only the
kiosk's own user can read (mode 0600, created with ``O_CREAT | O_EXCL`` so it
never exists with looser permissions or half written).

Losing the file makes every keyed PIN unverifiable. The kiosk therefore
creates a key only while no keyed hash exists, and otherwise says so in one
line (:class:`PinKeyError`) instead of answering "wrong PIN" to everyone or
quietly making a new key. The way out of a lost key file is an explicit
``kiosk reset-admin-pin --new-key``, which also clears every personal PIN.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import stat
import sys
from pathlib import Path

from kiosk.errors import StorageError
from kiosk.paths import PRIVATE_FILE_MODE, make_private_dir
from kiosk.storage.schema import FINGERPRINT_SETTING as FINGERPRINT_SETTING  # re-exported: the key's fingerprint

log = logging.getLogger("kiosk.security")

KEY_BYTES = 32
"""Length of the key in bytes (256 bits, the size of the HMAC-SHA256 output it feeds)."""

_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate newline bytes

_FINGERPRINT_LABEL = b"kiosk PIN key fingerprint v1"


def key_fingerprint(key: bytes) -> str:
    """A name for ``key`` that reveals nothing of it: HMAC-SHA256(key, a fixed label), 16 hex digits.

    Safe to store beside the hashes: finding the key from it means guessing
    256 random bits, the same as without it; 64 bits are plenty to tell two
    random keys apart, and short enough for an admin to compare by eye.
    """
    return hmac.new(key, _FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:16]


class PinKeyError(StorageError):
    """The PIN key file is missing, unreadable or damaged while PINs depend on it."""


def read_key(path: Path) -> bytes:
    """The key stored at ``path``; :class:`PinKeyError` if it is missing, unreadable or not a key.

    A key file other users may read is tightened to 0600 (with a warning)
    when it belongs to the kiosk's user, as the database files are.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _BINARY)
    except FileNotFoundError:
        raise PinKeyError(
            f"The PIN key file {path} is missing, so no PIN can be checked; restore it from the backup "
            "taken with the database, or run `kiosk reset-admin-pin --new-key` (clears every personal PIN)."
        ) from None
    except OSError as error:
        raise PinKeyError(
            f"The PIN key file {path} cannot be read ({error.strerror}); run the kiosk as the user that owns it."
        ) from None
    try:
        info = os.fstat(fd)
        if sys.platform != "win32" and info.st_mode & 0o077 and info.st_uid == os.getuid():
            log.warning("PIN key file %s was readable by other users; made it private", path)
            os.fchmod(fd, PRIVATE_FILE_MODE)
        key = os.read(fd, KEY_BYTES + 1)
    except OSError as error:
        raise PinKeyError(f"The PIN key file {path} cannot be read ({error.strerror}).") from None
    finally:
        os.close(fd)
    if len(key) != KEY_BYTES or not stat.S_ISREG(info.st_mode):
        raise PinKeyError(
            f"The PIN key file {path} is damaged (not {KEY_BYTES} bytes); restore it from a backup, "
            "or run `kiosk reset-admin-pin --new-key` (clears every personal PIN)."
        )
    return key


def create_key(path: Path, *, replace: bool = False) -> bytes:
    """Write a new random key to ``path`` (0600) and return it.

    The key is written and flushed to a private temporary file first and then
    linked into place, so another process never reads a half-written key. If
    ``path`` already exists, the key already there is returned and nothing is
    written, unless ``replace`` (the explicit ``--new-key`` recovery), which
    swaps it atomically.
    """
    make_private_dir(path.parent)
    key = secrets.token_bytes(KEY_BYTES)
    tmp = path.with_name(f"{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, PRIVATE_FILE_MODE)
        try:
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:  # another kiosk process made one first: use theirs
                return read_key(path)
    except OSError as error:
        raise PinKeyError(
            f"Cannot write the PIN key file {path} ({error.strerror}); check the folder's permissions and free space."
        ) from None
    finally:
        tmp.unlink(missing_ok=True)
    log.info("created PIN key file %s", path)
    return key
