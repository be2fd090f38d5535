"""Keyed scrypt hashing of PINs, and the older unkeyed hashes that must keep verifying."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging

import pytest

from kiosk.errors import InputError
from kiosk.security.hashing import (
    ADMIN_PIN_MIN_DIGITS,
    SALT_BYTES,
    SCRYPT_N,
    SCRYPT_R,
    check_pin_format,
    hash_secret,
    needs_key,
    verify_secret,
)

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
CHEAP = {"n": 2**10}
"""A low cost for tests about the format, not the cost (the cost travels in the hash)."""


@pytest.mark.production_pin_cost
def test_hash_format_carries_scheme_parameters_salt_and_hash():
    stored = hash_secret("2468", key=KEY)
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt-k1", "65536", "8", "1")
    assert len(base64.b64decode(salt)) == SALT_BYTES == 16
    assert len(base64.b64decode(digest)) == 32
    assert "2468" not in stored
    assert needs_key(stored)


@pytest.mark.production_pin_cost
def test_default_cost_is_the_measured_one_and_stays_within_the_memory_cap():
    # 2**16 × r=8 × 128 bytes = 64 MiB per hash, 0.21 s on the development machine (see the module docstring).
    assert (SCRYPT_N, SCRYPT_R) == (2**16, 8)
    assert verify_secret("2468", hash_secret("2468", key=KEY), key=KEY)


def test_same_pin_gets_a_fresh_salt_each_time():
    first, second = hash_secret("2468", key=KEY, **CHEAP), hash_secret("2468", key=KEY, **CHEAP)
    assert first != second
    assert verify_secret("2468", first, key=KEY) and verify_secret("2468", second, key=KEY)


def test_verify_accepts_only_the_right_secret():
    stored = hash_secret("口令2468", key=KEY, **CHEAP)
    assert verify_secret("口令2468", stored, key=KEY) is True
    assert verify_secret("2468", stored, key=KEY) is False
    assert verify_secret("", stored, key=KEY) is False


def test_a_keyed_hash_needs_the_same_key():
    stored = hash_secret("482913", key=KEY, **CHEAP)
    assert verify_secret("482913", stored, key=OTHER_KEY) is False
    with pytest.raises(ValueError, match="without the PIN key"):  # never a quiet "wrong PIN"
        verify_secret("482913", stored)


def test_the_key_is_mixed_in_as_hmac_sha256_of_the_pin():
    stored = hash_secret("482913", key=KEY, **CHEAP)
    _, n, r, p, salt, digest = stored.split("$")
    expected = base64.b64decode(digest)
    salt_bytes = base64.b64decode(salt)
    keyed = hmac.new(KEY, b"482913", hashlib.sha256).digest()
    assert hashlib.scrypt(keyed, salt=salt_bytes, n=int(n), r=int(r), p=int(p), dklen=32) == expected
    # The database alone gives nothing to try PINs on: scrypt over the bare PIN does not match.
    assert hashlib.scrypt(b"482913", salt=salt_bytes, n=int(n), r=int(r), p=int(p), dklen=32) != expected


def test_an_old_unkeyed_hash_still_verifies_without_a_key():
    # Written the way the kiosk wrote hashes before the key file: scrypt$16384$8$1$salt$hash over the PIN itself.
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"2468", salt=salt, n=2**14, r=8, p=1, dklen=32)
    old = "$".join(("scrypt", "16384", "8", "1", base64.b64encode(salt).decode(), base64.b64encode(digest).decode()))
    assert not needs_key(old)
    assert verify_secret("2468", old) is True
    assert verify_secret("2468", old, key=KEY) is True  # a key at hand changes nothing for an old hash
    assert verify_secret("2469", old) is False


def test_unkeyed_hashes_can_still_be_written_for_the_timing_dummy():
    stored = hash_secret("1357", key=None, n=2**10, r=4, p=2)
    assert stored.startswith("scrypt$1024$4$2$")
    assert verify_secret("1357", stored)


def test_custom_cost_parameters_round_trip():
    stored = hash_secret("1357", key=KEY, n=2**10, r=4, p=2)
    assert stored.startswith("scrypt-k1$1024$4$2$")
    assert verify_secret("1357", stored, key=KEY)


def test_admin_pins_need_six_digits_personal_pins_four():
    assert check_pin_format("1234") == "1234"
    with pytest.raises(InputError, match="6 to 12 digits"):
        check_pin_format("12345", ADMIN_PIN_MIN_DIGITS)
    assert check_pin_format("123456", ADMIN_PIN_MIN_DIGITS) == "123456"


@pytest.mark.parametrize(
    "stored",
    [
        "", "plain-pin", "bcrypt$1$2$3$AAAA$AAAA", "scrypt$x$8$1$AAAA$AAAA",
        "scrypt$16384$8$1$!!$AAAA", "scrypt$2$8$1$AAAA$",
    ],
)
@pytest.mark.expected_log("kiosk.security", "stored secret hash is unusable")
def test_malformed_hash_never_verifies_and_is_logged(stored, caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.security"):
        assert verify_secret("2468", stored, key=KEY) is False
    assert [record.name for record in caplog.records] == ["kiosk.security"]


def test_tampered_hash_does_not_verify():
    stored = hash_secret("2468", key=KEY, **CHEAP)
    head, digest = stored.rsplit("$", 1)
    raw = bytearray(base64.b64decode(digest))
    raw[0] ^= 1
    assert verify_secret("2468", head + "$" + base64.b64encode(bytes(raw)).decode(), key=KEY) is False


@pytest.mark.expected_log("kiosk.security", "stored secret hash is unusable")
def test_absurd_cost_is_rejected_not_run():
    stored = hash_secret("2468", key=KEY, **CHEAP)
    _, _, r, p, salt, digest = stored.split("$")
    assert verify_secret("2468", f"scrypt-k1${2**30}${r}${p}${salt}${digest}", key=KEY) is False


def test_empty_secret_cannot_be_hashed():
    with pytest.raises(InputError):
        hash_secret("", key=KEY)
