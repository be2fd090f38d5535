"""Company-wide settings: HR sets them on the real PostgreSQL server, kiosks pull, check, audit and use them.

The server is the session's real one (``postgres_url``); the kiosk is a real
SQLite file with its settings file beside it; HR is the repository opened on
the server's URL, as ``kiosk admin --db URL`` opens it.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from clocks import CHINA

from kiosk.attendance.scan import OutcomeKind
from kiosk.cli.main import main as kiosk_main
from kiosk.paths import settings_path_for
from kiosk.settings.files import load_settings, save_settings
from kiosk.settings.merge import with_company
from kiosk.settings.specs import COMPANY_FIELDS, MACHINE_FIELDS, Settings
from kiosk.storage.repository import Repository
from kiosk.sync.company_settings import company_values, save_company_change
from kiosk.sync.round import sync_once
from kiosk.sync.server import open_server
from kiosk.wiring import create_engine, create_rules

MORNING = datetime(2026, 11, 23, 8, 55, tzinfo=CHINA)


@pytest.fixture
def door(tmp_path: Path) -> Path:
    """A kiosk's own database, with a settings file that sets its camera, language and (its own) cooldown."""
    path = tmp_path / "door.sqlite"
    Repository(path).close()
    save_settings(Settings(camera="/dev/video2", language="zh_CN", cooldown_s=90.0), settings_path_for(path))
    return path


def sync(kiosk: Path, url: str) -> int:
    server = open_server(url)
    try:
        with Repository(kiosk) as local:
            return sync_once(local, server).pulled
    finally:
        server.close()


def effective(kiosk: Path) -> Settings:
    """What the kiosk runs with, read from its own two files only (no server)."""
    with Repository(kiosk) as local:
        return with_company(load_settings(settings_path_for(kiosk), environ={}), company_values(local))


def setting_changes(repo: Repository) -> list[tuple[str, str]]:
    return [(e.actor, e.detail) for e in reversed(repo.audit.entries()) if e.action == "change_setting"]


def set_on_server(url: str, key: str, text: str) -> None:
    """Write a ``settings`` row behind the application's back (a hand edit, another version)."""
    with psycopg.connect(url) as conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, text],
        )


def test_each_setting_is_company_wide_or_per_machine() -> None:
    assert set(COMPANY_FIELDS) == {
        "strictness", "cooldown_s", "checkout_after_min", "liveness_required", "liveness_timeout_s",
        "liveness_challenge", "pin_fallback", "failed_attempts_before_pin", "sync_warning_after_min",
        "template_retention_days", "workday_start",
    }
    assert set(MACHINE_FIELDS) == {"camera", "language", "sounds", "device_id", "detect_width", "upsample",
                                   "backup_folder", "backup_keep", "disk_warning_mb"}


def test_hr_changes_the_cooldown_and_after_one_round_the_kiosk_runs_with_it_audited_on_both_sides(
    server_url: str, door: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Repository(server_url, files_base=tmp_path / "hr") as hr:
        names = save_company_change(
            hr, Settings(), Settings(cooldown_s=1800.0, strictness="strict"), actor="admin"
        )
        assert names == ["strictness", "cooldown_s"]
        assert setting_changes(hr) == [
            ("admin", "strictness: 'normal' -> 'strict'"),
            ("admin", "cooldown_s: 60.0 -> 1800.0"),
        ]
    with Repository(door) as local:
        zhang = local.employees.add("0012", "张伟")

    assert kiosk_main(["sync", "--db", str(door), "--server", server_url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"pushed": 0, "pulled": 2, "pending": 0}  # the 2 settings

    runs_with = effective(door)
    assert (runs_with.cooldown_s, runs_with.strictness) == (1800.0, "strict")
    assert (runs_with.camera, runs_with.language) == ("/dev/video2", "zh_CN")  # its own, untouched
    with Repository(door) as local:
        # The door's log says why its rules changed, from what it ran with (its file's 90 s).
        assert setting_changes(local) == [
            ("server", "cooldown_s: 90.0 -> 1800.0"),
            ("server", "strictness: 'normal' -> 'strict'"),
        ]
        engine = create_engine(local, runs_with, clock=lambda: MORNING)
        employee = local.employees.get(zhang.id)
        assert employee is not None
        first = engine.rules.register(employee, distance=0.3, live=True, at=MORNING)
        again = engine.rules.register(employee, distance=0.3, live=True, at=MORNING + timedelta(minutes=10))
        assert (first.kind, again.kind) == (OutcomeKind.CHECKED_IN, OutcomeKind.COOLDOWN)
        # Under its own file's rules (90 s, out after 5 min) the same scan would have checked out.
        own = create_rules(local, load_settings(settings_path_for(door), environ={}), lambda: MORNING)
        assert own.register(employee, distance=0.3, live=True, at=MORNING + timedelta(minutes=10)).kind is (
            OutcomeKind.CHECKED_OUT
        )

    assert sync(door, server_url) == 0  # nothing new: no second audit entry
    with Repository(door) as local:
        assert len(setting_changes(local)) == 2


@pytest.mark.expected_log("kiosk.settings", "ignoring the company setting")
def test_per_machine_and_corrupt_values_from_the_server_are_logged_and_ignored(
    server_url: str, door: Path, tmp_path: Path, log_expectations
) -> None:
    with Repository(server_url, files_base=tmp_path / "hr") as hr:
        save_company_change(hr, Settings(), Settings(cooldown_s=120.0), actor="admin")
    assert sync(door, server_url) == 1

    set_on_server(server_url, "policy.cooldown_s", '"lots"')  # corrupted after the kiosk pulled it
    set_on_server(server_url, "policy.checkout_after_min", "9999")
    set_on_server(server_url, "policy.liveness_required", "{not json")
    set_on_server(server_url, "policy.camera", '"rtsp://elsewhere"')  # per machine: never from the server
    set_on_server(server_url, "policy.language", '"en"')
    set_on_server(server_url, "policy.workday_start", '"08:30"')  # the one good value
    assert sync(door, server_url) == 1

    runs_with = effective(door)
    assert (runs_with.cooldown_s, runs_with.checkout_after_min, runs_with.liveness_required) == (120.0, 5, True)
    assert (runs_with.camera, runs_with.language, runs_with.workday_start) == ("/dev/video2", "zh_CN", "08:30")
    with Repository(door) as local:
        assert local.settings.starting_with("policy.") == {
            "policy.cooldown_s": "120.0", "policy.workday_start": '"08:30"',
        }
    refused = sorted(
        record.getMessage().split(": ")[1].removeprefix("ignoring the company setting ")
        for record in log_expectations.records
        if "ignoring the company setting" in record.getMessage()
    )
    assert refused == [
        "policy.camera", "policy.checkout_after_min", "policy.cooldown_s", "policy.language",
        "policy.liveness_required",
    ]


def test_the_kiosk_keeps_the_pulled_values_offline_and_takes_its_own_back_when_hr_unsets_one(
    server_url: str, door: Path, tmp_path: Path
) -> None:
    with Repository(server_url, files_base=tmp_path / "hr") as hr:
        save_company_change(hr, Settings(), Settings(cooldown_s=600.0, pin_fallback=False), actor="admin")
    assert sync(door, server_url) == 2

    # A restart with the server out of reach: the kiosk's own database still holds HR's rules.
    assert (effective(door).cooldown_s, effective(door).pin_fallback) == (600.0, False)

    with psycopg.connect(server_url) as conn:
        conn.execute("DELETE FROM settings WHERE key = 'policy.cooldown_s'")
    assert sync(door, server_url) == 1
    assert (effective(door).cooldown_s, effective(door).pin_fallback) == (90.0, False)  # its file's again
    with Repository(door) as local:
        assert setting_changes(local) == [
            ("server", "cooldown_s: 90.0 -> 600.0"),
            ("server", "pin_fallback: True -> False"),
            ("server", "cooldown_s: 600.0 -> 90.0"),
        ]


def test_hr_sets_company_rules_from_the_command_line_checked_before_anything_is_written(
    server_url: str, door: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # where the server's own settings file would be
    for bad, message in (
        (["--set", "cooldown_s=120", "--set", "camera=1"], "camera is set per kiosk, in its own settings file"),
        (["--set", "cooldown_s=120", "--set", "checkout_after_min=lots"], "checkout_after_min must be a whole number"),
        (["--set", "cooldown"], "--set needs NAME=VALUE, not 'cooldown'"),
    ):
        assert kiosk_main(["company-settings", "--db", server_url, *bad]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"kiosk: error: {message}") and err.count("\n") == 1
    assert kiosk_main(["company-settings", "--db", str(door), "--set", "cooldown_s=120"]) == 2
    assert "company-wide settings live on the company server" in capsys.readouterr().err
    with Repository(server_url, files_base=tmp_path / "hr") as hr:
        assert company_values(hr) == {} and setting_changes(hr) == []  # nothing half-done

    assert kiosk_main(
        ["company-settings", "--db", server_url, "--set", "cooldown_s=120", "--set", "liveness_timeout_s=12", "--json"]
    ) == 0
    assert json.loads(capsys.readouterr().out) == {"cooldown_s": 120.0, "liveness_timeout_s": 12.0}
    assert kiosk_main(["company-settings", "--db", server_url]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert "cooldown_s = 120.0" in shown and "workday_start = ''  (not set: each kiosk's own)" in shown
    with Repository(server_url, files_base=tmp_path / "hr") as hr:
        actor = hr.audit.entries()[0].actor
        assert actor.startswith("cli:")
        assert setting_changes(hr) == [(actor, "cooldown_s: 60.0 -> 120.0"), (actor, "liveness_timeout_s: 8.0 -> 12.0")]
    assert sync(door, server_url) == 2 and effective(door).liveness_timeout_s == 12.0

    # The door's own commands apply what it pulled, as its screen does.
    assert kiosk_main(["company-settings", "--db", server_url, "--set", "template_retention_days=7"]) == 0
    assert sync(door, server_url) == 1
    capsys.readouterr()
    assert kiosk_main(["erase", "--expired", "--db", str(door)]) == 0
    assert capsys.readouterr().out == "0 employees deactivated more than 7 days ago erased\n"
