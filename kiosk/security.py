"""Hashing of short secrets (personal and admin PINs) with scrypt.

A stored hash is text: ``scrypt$<n>$<r>$<p>$<salt base64>$<hash base64>``, so
the cost parameters travel with it and can be raised later without breaking
hashes already stored. PINs are never stored or logged in plain text.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import secrets

from kiosk.errors import InputError

log = logging.getLogger("kiosk.security")

#: scrypt CPU/memory cost. 2**14 with r=8 uses 16 MiB and about 50 ms per
#: hash on a small PC: slow enough to make guessing every 6-digit PIN from a
#: stolen database cost hours, fast enough that a kiosk PIN check feels instant.
SCRYPT_N = 2**14
#: scrypt block size; 8 is the value the scrypt paper and OWASP recommend.
SCRYPT_R = 8
#: scrypt parallelism; 1 because the kiosk hashes one PIN at a time.
SCRYPT_P = 1
#: Random salt length in bytes (128 bits: collisions are out of reach).
SALT_BYTES = 16
#: Derived key length in bytes.
HASH_BYTES = 32
#: Upper bound on scrypt memory in bytes when verifying, so a tampered hash
#: with absurd parameters is rejected instead of exhausting memory.
MAX_MEMORY_BYTES = 64 * 1024 * 1024

_SCHEME = "scrypt"

PIN_MIN_DIGITS = 4
"""Shortest PIN accepted, admin or personal (4: the usual card-PIN length a
keypad user accepts; the PIN guards a kiosk in a staffed building)."""
PIN_MAX_DIGITS = 12
"""Longest PIN accepted: more than twelve digits nobody remembers."""
PIN_PATTERN = re.compile(rf"[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}")
"""A whole PIN: ASCII digits only, within the lengths above."""


def check_pin_format(pin: str) -> str:
    """Return ``pin`` if it is an acceptable PIN, else raise :class:`InputError`."""
    if not isinstance(pin, str) or not PIN_PATTERN.fullmatch(pin):
        raise InputError(f"A PIN must be {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits; choose another.")
    return pin


def hash_secret(secret: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """A salted scrypt hash of ``secret`` as self-describing text (see module docstring)."""
    if not secret:
        raise InputError("A PIN cannot be empty; choose at least 4 digits.")
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(secret, salt, n, r, p, HASH_BYTES)
    return "$".join((_SCHEME, str(n), str(r), str(p), _b64(salt), _b64(digest)))


def verify_secret(secret: str, stored: str) -> bool:
    """True if ``secret`` matches ``stored`` (from :func:`hash_secret`).

    A malformed ``stored`` value is treated as "no match" rather than an
    error: the person at the kiosk cannot fix it, and the admin is told
    through the log.
    """
    try:
        scheme, n_text, r_text, p_text, salt_text, hash_text = stored.split("$")
        if scheme != _SCHEME:
            raise ValueError(f"unknown scheme {scheme!r}")
        salt = base64.b64decode(salt_text, validate=True)
        expected = base64.b64decode(hash_text, validate=True)
        actual = _scrypt(secret, salt, int(n_text), int(r_text), int(p_text), len(expected))
    except (ValueError, TypeError) as error:
        log.warning("stored secret hash is unusable: %s", error)
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=MAX_MEMORY_BYTES, dklen=length
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
