"""Hashing of short secrets (personal and admin PINs): keyed scrypt.

A stored hash is text that carries its own recipe:

* ``scrypt-k1$<n>$<r>$<p>$<salt base64>$<hash base64>`` (every hash stored
  now): scrypt over HMAC-SHA256(key, PIN), where the key is the 32-byte PIN
  key file kept beside the database, outside it (:mod:`kiosk.security.keyfile`).
* ``scrypt$<n>$<r>$<p>$<salt base64>$<hash base64>`` (older hashes): scrypt
  over the PIN itself. They keep verifying until that PIN is next set.

The cost parameters travel with each hash, so they can be raised later without
breaking hashes already stored. PINs are never stored or logged in plain text.

What it costs an attacker (measured on the development machine, 2 cores,
``hashlib.scrypt`` with n=2**16, r=8, p=1: 0.21 s and 64 MiB per hash):

* with the database and the key file: every 6-digit admin PIN takes
  10**6 × 0.21 s / 2 cores ≈ 29 hours (15 on average); every 4-digit
  personal PIN 10**4 × 0.21 s / 2 ≈ 18 minutes (9 on average). Short PINs
  cannot be made strong by hashing alone, hence the key;
* with the database alone: nothing to try short of guessing a 256-bit key.

(The former n=2**14 took 0.043 s: a 6-digit PIN in 6 hours, a 4-digit one in
3.6 minutes, from the database alone.)
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

#: scrypt CPU/memory cost. 2**16 with r=8 uses 64 MiB and took 0.21 s per hash
#: on the 2-core development machine (2**15: 0.11 s, 2**17: 0.43 s): the
#: middle of the 0.1–0.3 s a person waits for a PIN check without noticing,
#: and four times the cost per guess of the former 2**14 (0.043 s).
SCRYPT_N = 2**16
#: scrypt block size; 8 is the value the scrypt paper and OWASP recommend.
SCRYPT_R = 8
#: scrypt parallelism; 1 because the kiosk hashes one PIN at a time.
SCRYPT_P = 1
#: Random salt length in bytes (128 bits: collisions are out of reach).
SALT_BYTES = 16
#: Derived key length in bytes.
HASH_BYTES = 32
#: Upper bound on scrypt memory in bytes when verifying, so a tampered hash
#: with absurd parameters is rejected instead of exhausting memory. Room for
#: n=2**17, r=8 (128 MiB, the next step up) plus OpenSSL's 1 MiB of overhead.
MAX_MEMORY_BYTES = 129 * 1024 * 1024

PLAIN_SCHEME = "scrypt"
"""Older hashes: scrypt over the PIN itself (verified, never written any more)."""
KEYED_SCHEME = "scrypt-k1"
"""Current hashes: scrypt over HMAC-SHA256(PIN key, PIN)."""

PIN_MIN_DIGITS = 4
"""Shortest personal PIN accepted (4: the usual card-PIN length a keypad user
accepts; it only records a check-in, in a staffed building, behind lockouts)."""
ADMIN_PIN_MIN_DIGITS = 6
"""Shortest admin PIN accepted (6: it opens biometrics and every record, so a
stolen database plus key file should cost a day of guessing, not minutes)."""
PIN_MAX_DIGITS = 12
"""Longest PIN accepted: more than twelve digits nobody remembers."""
PIN_PATTERN = re.compile(rf"[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}")
"""A whole PIN: ASCII digits only, within the lengths above."""


def check_pin_format(pin: str, min_digits: int = PIN_MIN_DIGITS) -> str:
    """Return ``pin`` if it is an acceptable PIN of at least ``min_digits``, else raise :class:`InputError`."""
    if not isinstance(pin, str) or not PIN_PATTERN.fullmatch(pin) or len(pin) < min_digits:
        raise InputError(f"A PIN must be {min_digits} to {PIN_MAX_DIGITS} digits; choose another.")
    return pin


def hash_secret(
    secret: str, *, key: bytes | None, n: int | None = None, r: int = SCRYPT_R, p: int = SCRYPT_P
) -> str:
    """A salted scrypt hash of ``secret`` as self-describing text (see module docstring).

    With ``key`` (the PIN key, :mod:`kiosk.security.keyfile`) the hash is keyed
    (``scrypt-k1$…``); ``key=None`` writes the older unkeyed form, which only
    the timing dummy and tests of old hashes still want. ``n`` defaults to
    :data:`SCRYPT_N` as it stands when called (read at each call, so the test
    suite can lower it for speed, as Django's test settings lower the password
    hasher's; the hash records its own ``n``, so verification follows).
    """
    n = SCRYPT_N if n is None else n
    if not secret:
        raise InputError("A PIN cannot be empty; choose at least 4 digits.")
    salt = secrets.token_bytes(SALT_BYTES)
    scheme = PLAIN_SCHEME if key is None else KEYED_SCHEME
    digest = _scrypt(_password(secret, key), salt, n, r, p, HASH_BYTES)
    return "$".join((scheme, str(n), str(r), str(p), _b64(salt), _b64(digest)))


def needs_key(stored: str) -> bool:
    """True if ``stored`` is a keyed hash, which only the PIN key can verify."""
    return stored.startswith(KEYED_SCHEME + "$")


def verify_secret(secret: str, stored: str, *, key: bytes | None = None) -> bool:
    """True if ``secret`` matches ``stored`` (from :func:`hash_secret`).

    A keyed hash needs ``key``; calling without it is a programming error
    (:class:`ValueError`), never a quiet "no match". A malformed ``stored``
    value is treated as "no match" rather than an error: the person at the
    kiosk cannot fix it, and the admin is told through the log.
    """
    if needs_key(stored) and key is None:
        raise ValueError("a keyed PIN hash cannot be verified without the PIN key")
    try:
        scheme, n_text, r_text, p_text, salt_text, hash_text = stored.split("$")
        if scheme not in (PLAIN_SCHEME, KEYED_SCHEME):
            raise ValueError(f"unknown scheme {scheme!r}")
        salt = base64.b64decode(salt_text, validate=True)
        expected = base64.b64decode(hash_text, validate=True)
        password = _password(secret, key if scheme == KEYED_SCHEME else None)
        actual = _scrypt(password, salt, int(n_text), int(r_text), int(p_text), len(expected))
    except (ValueError, TypeError) as error:
        log.warning("stored secret hash is unusable: %s", error)
        return False
    return hmac.compare_digest(actual, expected)


def _password(secret: str, key: bytes | None) -> bytes:
    """What scrypt hashes: the secret's UTF-8 bytes, or their HMAC-SHA256 under ``key``."""
    data = secret.encode("utf-8")
    return data if key is None else hmac.new(key, data, hashlib.sha256).digest()


def _scrypt(password: bytes, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(password, salt=salt, n=n, r=r, p=p, maxmem=MAX_MEMORY_BYTES, dklen=length)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
