"""scrypt hashing of PINs."""

from __future__ import annotations

import base64
import logging

import pytest

from kiosk.errors import InputError
from kiosk.security import SALT_BYTES, hash_secret, verify_secret


def test_hash_format_carries_parameters_salt_and_hash():
    stored = hash_secret("2468")
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert len(base64.b64decode(salt)) == SALT_BYTES == 16
    assert len(base64.b64decode(digest)) == 32
    assert "2468" not in stored


def test_same_pin_gets_a_fresh_salt_each_time():
    first, second = hash_secret("2468"), hash_secret("2468")
    assert first != second
    assert verify_secret("2468", first) and verify_secret("2468", second)


def test_verify_accepts_only_the_right_secret():
    stored = hash_secret("口令2468")
    assert verify_secret("口令2468", stored) is True
    assert verify_secret("2468", stored) is False
    assert verify_secret("", stored) is False


def test_custom_cost_parameters_round_trip():
    stored = hash_secret("1357", n=2**10, r=4, p=2)
    assert stored.startswith("scrypt$1024$4$2$")
    assert verify_secret("1357", stored)


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
        assert verify_secret("2468", stored) is False
    assert [record.name for record in caplog.records] == ["kiosk.security"]


def test_tampered_hash_does_not_verify():
    stored = hash_secret("2468")
    head, digest = stored.rsplit("$", 1)
    raw = bytearray(base64.b64decode(digest))
    raw[0] ^= 1
    assert verify_secret("2468", head + "$" + base64.b64encode(bytes(raw)).decode()) is False


@pytest.mark.expected_log("kiosk.security", "stored secret hash is unusable")
def test_absurd_cost_is_rejected_not_run():
    stored = hash_secret("2468")
    _, _, r, p, salt, digest = stored.split("$")
    assert verify_secret("2468", f"scrypt${2**30}${r}${p}${salt}${digest}") is False


def test_empty_secret_cannot_be_hashed():
    with pytest.raises(InputError):
        hash_secret("")
