"""``kiosk reset-admin-pin``: the forgotten-PIN recovery that needs the machine account, not the kiosk screen."""

from __future__ import annotations

import getpass
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.paths import key_path_for
from kiosk.security.admin_gate import ADMIN_PIN_KEY, AdminGate, GateAnswer
from kiosk.security.pins import PinStore
from kiosk.storage.repository import Repository

OLD_PIN, NEW_PIN = "246810", "135792"


@pytest.fixture
def kiosk_db(tmp_path: Path, clock) -> Path:
    """A kiosk database whose admin PIN (keyed) was forgotten, with one employee PIN."""
    db = tmp_path / "office.sqlite"
    with Repository(db) as repo:
        AdminGate(repo, clock).set_pin(OLD_PIN)
        employee = repo.employees.add("0012", "张伟")
        PinStore(repo).set_employee_pin(employee.id, "8642")
    return db


def _reset(monkeypatch, capsys, db: Path, stdin: str, *flags: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    capsys.readouterr()
    code = main(["reset-admin-pin", "--db", str(db), *flags])
    out, err = capsys.readouterr()
    return code, out, err


def _gate_answer(db: Path, clock, pin: str) -> GateAnswer:
    with Repository(db) as repo:
        return AdminGate(repo, clock).check(pin).answer


def _admin_state(db: Path) -> tuple[str | None, int]:
    with Repository(db) as repo:
        return repo.settings.get(ADMIN_PIN_KEY), len(repo.audit.entries())


def test_a_real_process_resets_the_pin_and_audits_the_os_user(kiosk_db: Path, clock) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "reset-admin-pin", "--db", str(kiosk_db)],
        input=f"{NEW_PIN}\n{NEW_PIN}\n", capture_output=True, text=True, encoding="utf-8", timeout=600,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"admin PIN reset by {getpass.getuser()}\n"
    assert NEW_PIN not in result.stdout
    with Repository(kiosk_db) as repo:
        entry = repo.audit.entries()[0]
        assert (entry.actor, entry.action, entry.detail) == (
            "cli", "admin_pin_reset", f"from the command line by OS user {getpass.getuser()!r}"
        )
        assert PinStore(repo).verify_employee_pin("0012", "8642") is not None  # personal PINs untouched
    assert _gate_answer(kiosk_db, clock, OLD_PIN) is GateAnswer.WRONG
    assert _gate_answer(kiosk_db, clock, NEW_PIN) is GateAnswer.OPENED


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (f"{NEW_PIN}\n135793\n", "the two PINs differ; nothing was changed"),
        ("1357\n1357\n", "A PIN must be 6 to 12 digits"),
        ("", "A PIN must be 6 to 12 digits"),
    ],
)
def test_a_bad_new_pin_is_one_line_and_changes_nothing(kiosk_db, monkeypatch, capsys, stdin, message) -> None:
    before = _admin_state(kiosk_db)
    code, out, err = _reset(monkeypatch, capsys, kiosk_db, stdin)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("kiosk: error: ") and message in err
    assert _admin_state(kiosk_db) == before


def test_a_missing_database_is_not_created(tmp_path, monkeypatch, capsys) -> None:
    code, _out, err = _reset(monkeypatch, capsys, tmp_path / "none.sqlite", f"{NEW_PIN}\n{NEW_PIN}\n")
    assert code == 5 and "database not found" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.expected_log("kiosk.storage", "PIN key replaced")
def test_a_lost_key_file_needs_the_explicit_new_key_which_clears_personal_pins(
    kiosk_db, monkeypatch, capsys, clock
) -> None:
    key_path_for(kiosk_db).unlink()
    before = _admin_state(kiosk_db)
    code, _out, err = _reset(monkeypatch, capsys, kiosk_db, f"{NEW_PIN}\n{NEW_PIN}\n")
    assert code == 5 and err.count("\n") == 1
    assert "PIN key file" in err and "is missing" in err and "--new-key" in err
    assert _admin_state(kiosk_db) == before and not key_path_for(kiosk_db).exists()

    code, out, _err = _reset(monkeypatch, capsys, kiosk_db, f"{NEW_PIN}\n{NEW_PIN}\n", "--new-key")
    assert code == 0 and out.endswith("; new PIN key file written, 1 personal PINs cleared\n")
    assert _gate_answer(kiosk_db, clock, NEW_PIN) is GateAnswer.OPENED
    with Repository(kiosk_db) as repo:
        assert repo.employees.find("0012").has_pin is False
        assert [e.action for e in repo.audit.entries()[:3]] == ["admin_pin_ok", "admin_pin_reset", "pin_key_replaced"]
    if sys.platform != "win32":
        assert os.stat(key_path_for(kiosk_db)).st_mode & 0o777 == 0o600


def test_new_key_is_refused_while_the_key_file_is_intact(kiosk_db, monkeypatch, capsys) -> None:
    key = key_path_for(kiosk_db).read_bytes()
    before = _admin_state(kiosk_db)
    code, _out, err = _reset(monkeypatch, capsys, kiosk_db, f"{NEW_PIN}\n{NEW_PIN}\n", "--new-key")
    assert code == 2 and "is intact; run again without --new-key" in err
    assert key_path_for(kiosk_db).read_bytes() == key and _admin_state(kiosk_db) == before
