"""The PIN key file beside the database: private, never silently replaced, and needed to check a stolen PIN hash."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from kiosk.paths import key_path_for
from kiosk.security.hashing import hash_secret, verify_secret
from kiosk.security.keyfile import KEY_BYTES, PinKeyError, create_key, read_key
from kiosk.security.pins import PinStore
from kiosk.storage.repository import Repository

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def _stored_pin_hash(db_path, code: str) -> str:
    raw = sqlite3.connect(str(db_path))
    try:
        [(stored,)] = raw.execute("SELECT pin_hash FROM employees WHERE code = ?", [code]).fetchall()
    finally:
        raw.close()
    return stored


def _write_pin_hash(db_path, code: str, stored: str) -> None:
    raw = sqlite3.connect(str(db_path))
    with raw:
        raw.execute("UPDATE employees SET pin_hash = ? WHERE code = ?", [stored, code])
    raw.close()


def test_key_file_lives_beside_the_database_and_never_is_the_database(tmp_path) -> None:
    assert key_path_for(tmp_path / "office.sqlite") == tmp_path / "office.sqlite.key"
    assert key_path_for(tmp_path / "x.key") != tmp_path / "x.key"


@posix_only
@pytest.mark.production_pin_cost
def test_the_first_pin_creates_a_private_32_byte_key(repo, employee, db_path) -> None:
    key_path = key_path_for(db_path)
    assert not key_path.exists()  # opening the database makes no key: nothing needs one yet
    PinStore(repo).set_employee_pin(employee.id, "482913")
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert len(key_path.read_bytes()) == KEY_BYTES
    assert [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")] == []
    stored = _stored_pin_hash(db_path, "E001")
    assert stored.startswith("scrypt-k1$65536$8$1$")  # scheme and scrypt parameters recorded in the hash
    assert verify_secret("482913", stored, key=read_key(key_path))


@posix_only
def test_key_file_is_private_whatever_the_umask(tmp_path) -> None:
    old = os.umask(0)
    try:
        create_key(tmp_path / "k.key")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "k.key").stat().st_mode) == 0o600


def test_creating_a_key_twice_keeps_the_first(tmp_path) -> None:
    first = create_key(tmp_path / "k.key")
    assert create_key(tmp_path / "k.key") == first
    assert read_key(tmp_path / "k.key") == first
    assert create_key(tmp_path / "k.key", replace=True) != first


def test_a_copied_database_without_the_key_file_cannot_check_the_right_pin(repo, employee, db_path, tmp_path) -> None:
    PinStore(repo).set_employee_pin(employee.id, "482913")
    stolen = tmp_path / "stolen"
    stolen.mkdir()
    for part in ("", "-wal", "-shm"):  # the database as it is on disk, live WAL included; not the key file
        if Path(f"{db_path}{part}").exists():
            shutil.copy(f"{db_path}{part}", stolen / f"kiosk.db{part}")
    stored = _stored_pin_hash(stolen / "kiosk.db", "E001")
    # An attacker with the database alone: the hash does not match the right PIN under any key they can guess.
    assert verify_secret("482913", stored, key=bytes(KEY_BYTES)) is False
    assert verify_secret("482913", stored, key=os.urandom(KEY_BYTES)) is False
    # The kiosk opened on the copy says what is missing instead of "wrong PIN".
    with Repository(stolen / "kiosk.db") as copy:
        with pytest.raises(PinKeyError, match=r"PIN key file .*kiosk\.db\.key is missing") as missing:
            PinStore(copy).verify_employee_pin("E001", "482913")
        assert "\n" not in str(missing.value)
        # ... and does not make itself a new key, which would invalidate every PIN.
        with pytest.raises(PinKeyError):
            PinStore(copy).set_employee_pin(employee.id, "111111")
    assert not key_path_for(stolen / "kiosk.db").exists()
    # With the key file copied too, the right PIN checks again.
    shutil.copy(key_path_for(db_path), key_path_for(stolen / "kiosk.db"))
    with Repository(stolen / "kiosk.db") as copy:
        assert PinStore(copy).verify_employee_pin("E001", "482913") is not None


def test_an_old_unkeyed_pin_still_verifies_and_is_keyed_when_set_again(repo, employee, db_path) -> None:
    _write_pin_hash(db_path, "E001", hash_secret("2468", key=None, n=2**14))  # as stored before the key file
    assert PinStore(repo).verify_employee_pin("E001", "2468") == repo.employees.get(employee.id)
    assert PinStore(repo).verify_employee_pin("E001", "2469") is None
    assert not key_path_for(db_path).exists()  # checking an old hash needs no key
    PinStore(repo).set_employee_pin(employee.id, "2468")
    upgraded = _stored_pin_hash(db_path, "E001")
    assert upgraded.startswith("scrypt-k1$")
    assert PinStore(repo).verify_employee_pin("E001", "2468") == repo.employees.get(employee.id)


def test_a_damaged_key_file_is_a_one_line_error(repo, employee, db_path) -> None:
    PinStore(repo).set_employee_pin(employee.id, "482913")
    key_path_for(db_path).write_bytes(b"short")
    with pytest.raises(PinKeyError, match="damaged") as damaged:
        PinStore(repo).verify_employee_pin("E001", "482913")
    assert "\n" not in str(damaged.value)


@posix_only
@pytest.mark.expected_log("kiosk.security", "readable by other users")
def test_a_key_file_readable_by_others_is_made_private(tmp_path) -> None:
    key = create_key(tmp_path / "k.key")
    os.chmod(tmp_path / "k.key", 0o644)
    assert read_key(tmp_path / "k.key") == key
    assert stat.S_IMODE((tmp_path / "k.key").stat().st_mode) == 0o600


@pytest.mark.expected_log("kiosk.storage", "PIN key replaced")
def test_replacing_the_key_clears_every_personal_pin_and_is_audited(repo, employee, db_path) -> None:
    PinStore(repo).set_employee_pin(employee.id, "482913")
    old_key = read_key(key_path_for(db_path))
    key_path_for(db_path).unlink()
    assert PinStore(repo).replace_key(actor="cli") == 1
    assert read_key(key_path_for(db_path)) != old_key
    assert repo.employees.get(employee.id).has_pin is False
    assert (repo.audit.entries()[0].action, repo.audit.entries()[0].detail) == (
        "pin_key_replaced", "new PIN key file; 1 personal PINs cleared"
    )
