"""The PIN key a kiosk needs for the PINs it pulls from its server (a real PostgreSQL server, real kiosk files).

PIN hashes are keyed with a key file kept beside each database, never in it.
The server records its key's fingerprint when HR first sets a PIN; a kiosk
with no key file, or another key, is told after every sync round instead of
every employee hearing "wrong PIN".
"""

from __future__ import annotations

import base64
import logging
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import psycopg
import pytest
from sync_rounds import sync

from kiosk.security.keyfile import FINGERPRINT_SETTING, PinKeyError, create_key, key_fingerprint, read_key
from kiosk.security.pins import PinStore
from kiosk.storage.repository import Repository
from kiosk.sync.pin_key_check import PinKeyProblem

WARNING = "PINs from the server cannot be checked at this kiosk"


@pytest.fixture
def door(tmp_path: Path, server_url: str) -> Path:
    """A kiosk file with 张伟 (0012) enrolled at this door and already sent to the server (no PIN key file yet)."""
    path = tmp_path / "door-north.sqlite"
    with Repository(path) as repo:
        repo.employees.add("0012", "张伟", templates=[("front", np.full(128, 0.05, dtype=np.float32))])
    sync(path, server_url)
    return path


def server_settings(url: str) -> dict[str, str]:
    with psycopg.connect(url) as conn:
        return dict(conn.execute("SELECT key, value FROM settings").fetchall())


def give_pin(hr: Repository, code: str, pin: str) -> None:
    employee = hr.employees.find(code)
    assert employee is not None
    PinStore(hr).set_employee_pin(employee.id, pin, actor="hr")


@pytest.mark.expected_log("kiosk.storage", "PIN key replaced")
def test_the_server_names_its_pin_key_without_holding_it_and_refuses_another_key(hr, server_url, tmp_path):
    give_pin_to = hr.employees.add("0031", "Alice Chen")
    PinStore(hr).set_employee_pin(give_pin_to.id, "2468", actor="hr")
    key = read_key(PinStore(hr).key_path)
    settings = server_settings(server_url)
    assert settings[FINGERPRINT_SETTING] == key_fingerprint(key)
    # The key itself is nowhere on the server: a copy of the database stays useless for guessing PINs.
    assert not any(key.hex() in value or base64.b64encode(key).decode() in value for value in settings.values())
    # A second workstation that made its own key cannot set PINs nobody else could check.
    with Repository(server_url, files_base=tmp_path / "hr-2") as other:
        create_key(PinStore(other).key_path)
        with pytest.raises(PinKeyError, match="is not the one this server's PINs are made with"):
            PinStore(other).set_employee_pin(give_pin_to.id, "1357", actor="hr-2")
        assert PinStore(hr).verify_employee_pin("0031", "2468") is not None  # the PIN HR set still stands
        # The way out of a lost key (`reset-admin-pin --new-key`) names the new key, and the old one is refused.
        assert PinStore(other).replace_key("hr-2") == 1
        assert server_settings(server_url)[FINGERPRINT_SETTING] == key_fingerprint(read_key(PinStore(other).key_path))
    with pytest.raises(PinKeyError, match="is not the one this server's PINs are made with"):
        PinStore(hr).set_employee_pin(give_pin_to.id, "2468", actor="hr")


@pytest.mark.expected_log("kiosk.sync", WARNING)
@pytest.mark.parametrize("key", ["none", "another", "the server's"])
def test_a_kiosk_that_cannot_check_the_pins_it_pulled_is_warned_after_every_round(key, door, hr, server_url, caplog):
    give_pin(hr, "0012", "2468")
    with Repository(door) as repo:
        if key == "another":
            create_key(PinStore(repo).key_path)
        elif key == "the server's":  # what the README says to do
            PinStore(repo).key_path.write_bytes(PinStore(hr).key_path.read_bytes())
            PinStore(repo).key_path.chmod(0o600)
    expected = {"none": PinKeyProblem.MISSING, "another": PinKeyProblem.DIFFERENT, "the server's": None}[key]
    for _round in range(2):  # the round that pulled the PIN, and every round after while it lasts
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="kiosk.sync"):
            result = sync(door, server_url)
        assert result.pin_key_problem is expected
        warnings = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
        if expected is None:
            assert warnings == []
        else:
            [line] = warnings
            assert line.startswith(WARNING) and str(door) + ".key" in line and "\n" not in line
            assert ("is missing" if key == "none" else "is not the server's") in line
    with Repository(door) as repo:
        if expected is None:
            checked = PinStore(repo).verify_employee_pin("0012", "2468")
            assert checked is not None and checked.code == "0012"
        elif expected is PinKeyProblem.DIFFERENT:
            assert PinStore(repo).verify_employee_pin("0012", "2468") is None  # what the warning spares employees


def test_a_kiosk_without_pins_from_the_server_needs_no_key(door, hr, server_url):
    hr.settings.set("unrelated", "1")
    assert sync(door, server_url).pin_key_problem is None


def test_kiosk_sync_prints_the_warning_on_stderr_and_still_exits_0(door, hr, server_url):
    """A real ``kiosk sync`` process (about 2 s): what reaches stderr is the CLI's own logging set-up."""
    hr.settings.set("admin_pin_hash", PinStore(hr).hash("135790"))  # the admin PIN is a keyed hash too
    env = {key: value for key, value in os.environ.items() if key not in ("KIOSK_DB", "KIOSK_SERVER")}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "sync", "--db", str(door), "--server", server_url, "--json"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0
    assert result.stdout == '{"pushed": 0, "pulled": 2, "pending": 0}\n'  # the admin PIN and the key's fingerprint
    [line] = result.stderr.splitlines()
    assert line.startswith(f"kiosk.sync: {WARNING}: its PIN key file {door}.key is missing")
