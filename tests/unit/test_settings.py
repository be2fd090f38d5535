"""Settings: one declaration per field, file and environment loading, validation, audited saving."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import sys
from dataclasses import fields
from datetime import UTC, time
from pathlib import Path

import pytest

from kiosk.errors import InputError, StorageError
from kiosk.matching import STRICTNESS
from kiosk.paths import resolve_db_path, settings_path_for
from kiosk.settings.files import load_settings, save_settings, save_settings_change
from kiosk.settings.specs import (
    DEFAULT_CHECKOUT_AFTER_MIN,
    DEFAULT_COOLDOWN_S,
    FIELD_HELP,
    LANGUAGES,
    SPECS,
    STRICTNESS_LEVELS,
    Settings,
)
from kiosk.storage.repository import Repository
from kiosk.vision.config import DetectorConfig


def test_every_field_is_declared_once_with_help_and_defaults_validate() -> None:
    assert list(SPECS) == [f.name for f in fields(Settings)]
    assert {name: spec.help for name, spec in SPECS.items()} == FIELD_HELP
    assert all(spec.help.strip() and "\n" not in spec.help for spec in SPECS.values())
    assert {f.name: f.default for f in fields(Settings)} == {name: spec.default for name, spec in SPECS.items()}
    assert Settings().validated() == Settings()
    assert Settings().workday_start_time is None


def test_defaults_come_from_the_engine_modules_that_measured_them() -> None:
    assert Settings().cooldown_s == DEFAULT_COOLDOWN_S
    assert Settings().checkout_after_min == DEFAULT_CHECKOUT_AFTER_MIN == 5
    assert Settings().detector_config == DetectorConfig()
    assert STRICTNESS_LEVELS == ("relaxed", "normal", "strict") == tuple(STRICTNESS)
    assert Settings().match_policy == STRICTNESS["normal"]
    assert SPECS["strictness"].choices == STRICTNESS_LEVELS and SPECS["language"].choices == LANGUAGES


def test_numbers_have_a_unit_and_a_range_that_holds_their_default() -> None:
    units = {name: spec.unit for name, spec in SPECS.items() if spec.kind in (int, float)}
    assert units == {
        "cooldown_s": "s", "checkout_after_min": "min", "liveness_timeout_s": "s", "failed_attempts_before_pin": "",
        "detect_width": "px", "upsample": "", "template_retention_days": "days", "sync_warning_after_min": "min",
        "backup_keep": "", "disk_warning_mb": "MB",
    }
    for name in units:
        spec = SPECS[name]
        assert spec.minimum <= spec.default <= spec.maximum, name


def test_store_photos_is_gone_but_an_old_file_with_it_still_loads(tmp_path: Path) -> None:
    assert "store_photos" not in SPECS
    path = tmp_path / "k.settings.json"
    path.write_text(json.dumps({"store_photos": True, "cooldown_s": 30}), encoding="utf-8")
    assert load_settings(path, environ={}) == Settings(cooldown_s=30.0)


@pytest.mark.expected_log("kiosk.settings", "ignoring unknown setting 'cooldown'")
def test_an_unknown_key_is_ignored_with_a_warning(tmp_path: Path, log_expectations) -> None:
    path = tmp_path / "k.settings.json"
    path.write_text(json.dumps({"cooldown": 30}), encoding="utf-8")
    assert load_settings(path, environ={}) == Settings()
    assert [r.getMessage() for r in log_expectations.records] == [
        f"settings file {path}: ignoring unknown setting 'cooldown'"
    ]


def test_file_then_environment(tmp_path: Path) -> None:
    path = tmp_path / "k.settings.json"
    save_settings(Settings(cooldown_s=30, language="zh_CN", workday_start="08:30"), path)
    assert json.loads(path.read_text(encoding="utf-8"))["cooldown_s"] == 30
    loaded = load_settings(path, environ={"KIOSK_COOLDOWN_S": "90", "KIOSK_SOUNDS": "off"})
    assert (loaded.cooldown_s, loaded.language, loaded.sounds) == (90.0, "zh_CN", False)
    assert loaded.workday_start_time == time(8, 30)


def test_values_written_by_hand_are_read_as_the_fields_type(tmp_path: Path) -> None:
    path = tmp_path / "k.settings.json"
    path.write_text(
        '{"detect_width": "480", "upsample": 2.0, "camera": 1, "sounds": 0, "pin_fallback": "Yes", "cooldown_s": 45}',
        encoding="utf-8",
    )
    loaded = load_settings(path, environ={"KIOSK_LIVENESS_TIMEOUT_S": " 12.5 "})
    assert (loaded.detect_width, loaded.upsample, loaded.camera, loaded.sounds, loaded.pin_fallback) == (
        480, 2, "1", False, True
    )
    assert (loaded.cooldown_s, loaded.liveness_timeout_s) == (45.0, 12.5)
    assert type(loaded.detect_width) is int and type(loaded.cooldown_s) is float


@pytest.mark.parametrize(
    ("environ", "needle"),
    [
        ({"KIOSK_STRICTNESS": "lenient"}, "strictness must be one of relaxed, normal, strict, not 'lenient'"),
        ({"KIOSK_COOLDOWN_S": "-1"}, "cooldown_s must be a number between 0 and 3600 s, not '-1'"),
        ({"KIOSK_COOLDOWN_S": "soon"}, "cooldown_s must be a number between 0 and 3600 s, not 'soon'"),
        ({"KIOSK_COOLDOWN_S": "nan"}, "cooldown_s must be a number between 0 and 3600 s, not 'nan'"),
        ({"KIOSK_DETECT_WIDTH": "1e400"}, "detect_width must be a whole number between 160 and 4096 px, not '1e400'"),
        ({"KIOSK_SOUNDS": "maybe"}, "sounds must be true or false, not 'maybe'"),
        ({"KIOSK_WORKDAY_START": "25:00"}, "workday_start must look like 09:00, not '25:00'"),
        ({"KIOSK_LANGUAGE": "fr"}, "language must be one of en, zh_CN, not 'fr'"),
        ({"KIOSK_DEVICE_ID": "  "}, "device_id must not be empty"),
    ],
)
def test_bad_environment_values_are_refused_with_the_field_named(environ: dict[str, str], needle: str) -> None:
    with pytest.raises(InputError) as refused:
        load_settings(None, environ=environ)
    variable = next(iter(environ))
    assert str(refused.value).startswith(needle)
    assert str(refused.value).endswith(f"(in environment variable {variable})")


HUGE = "1" + "0" * 400


@pytest.mark.parametrize(
    ("stored", "needle"),
    [
        ('{"detect_width": 1e400}', "detect_width must be a whole number between 160 and 4096 px, not inf"),
        ('{"detect_width": NaN}', "detect_width must be a whole number between 160 and 4096 px, not nan"),
        ('{"cooldown_s": NaN}', "cooldown_s must be a number between 0 and 3600 s, not nan"),
        ('{"cooldown_s": -Infinity}', "cooldown_s must be a number between 0 and 3600 s, not -inf"),
        (f'{{"detect_width": {HUGE}}}', "detect_width must be a whole number between 160 and 4096 px, not 1000"),
        (f'{{"cooldown_s": {HUGE}}}', "cooldown_s must be a number between 0 and 3600 s, not 1000"),
        ('{"detect_width": "wide"}', "detect_width must be a whole number between 160 and 4096 px, not 'wide'"),
        ('{"detect_width": 320.5}', "detect_width must be a whole number between 160 and 4096 px, not 320.5"),
        ('{"detect_width": true}', "detect_width must be a whole number between 160 and 4096 px, not True"),
        ('{"cooldown_s": [60]}', "cooldown_s must be a number between 0 and 3600 s, not [60]"),
        ('{"liveness_required": "maybe"}', "liveness_required must be true or false, not 'maybe'"),
        ('{"sounds": 2}', "sounds must be true or false, not 2"),
        ('{"device_id": null}', "device_id must be text, not None"),
        ('{"camera": {"index": 0}}', "camera must be text, not {'index': 0}"),
        ('{"upsample": 3}', "upsample must be a whole number between 0 and 2, not 3"),
    ],
)
def test_a_bad_value_in_the_file_is_one_line_naming_the_field(tmp_path: Path, stored: str, needle: str) -> None:
    path = tmp_path / "k.settings.json"
    path.write_text(stored, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_settings(path, environ={})
    message = str(refused.value)
    assert message.startswith(needle)
    assert message.endswith(f"(in settings file {path}; fix or delete it)")
    assert "\n" not in message and len(message) < 200 + len(str(path))


@pytest.mark.parametrize(
    ("stored", "needle"),
    [
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "must hold a JSON object, not a list"),
        ('"cooldown_s"', "must hold a JSON object, not a str"),
        ("[" * 100_000, "is not valid JSON"),
    ],
)
def test_a_settings_file_that_is_not_an_object_is_refused(tmp_path: Path, stored: str, needle: str) -> None:
    path = tmp_path / "k.settings.json"
    path.write_text(stored, encoding="utf-8")
    with pytest.raises(InputError, match=needle) as refused:
        load_settings(path, environ={})
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"cooldown_s": "60"}, "cooldown_s must be a number between 0 and 3600 s, not '60'"),
        ({"cooldown_s": float("inf")}, "cooldown_s must be a number between 0 and 3600 s, not inf"),
        ({"detect_width": 320.0}, "detect_width must be a whole number between 160 and 4096 px, not 320.0"),
        ({"liveness_required": 1}, "liveness_required must be true or false, not 1"),
        ({"workday_start": "9h"}, "workday_start must look like 09:00, not '9h'"),
        ({"camera": ""}, "camera must not be empty"),
    ],
)
def test_settings_built_in_code_are_checked_against_the_same_declaration(changes: dict, needle: str) -> None:
    with pytest.raises(InputError) as refused:
        Settings().replace(**changes)
    assert str(refused.value) == needle


def test_database_path_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_DB", str(tmp_path / "env.sqlite"))
    assert resolve_db_path(tmp_path / "cli.sqlite") == tmp_path / "cli.sqlite"
    assert resolve_db_path(None) == tmp_path / "env.sqlite"
    assert settings_path_for(tmp_path / "office.sqlite") == tmp_path / "office.settings.json"


# ----------------------------------------------------------------- audited changes


def test_a_change_is_saved_and_audited_field_by_field(repo: Repository, clock, tmp_path: Path) -> None:
    path = tmp_path / "k.settings.json"
    old = Settings()
    new = old.replace(
        liveness_required=False, cooldown_s=120.0, workday_start="08:30", strictness="strict", checkout_after_min=10
    )
    changed = save_settings_change(repo, old, new, path, actor="admin")
    assert changed == ["strictness", "cooldown_s", "checkout_after_min", "liveness_required", "workday_start"]
    assert load_settings(path, environ={}) == new
    entries = list(reversed(repo.audit.entries()))
    assert [(e.actor, e.action, e.detail) for e in entries] == [
        ("admin", "change_setting", "strictness: 'normal' -> 'strict'"),
        ("admin", "change_setting", "cooldown_s: 60.0 -> 120.0"),
        ("admin", "change_setting", "checkout_after_min: 5 -> 10"),
        ("admin", "change_setting", "liveness_required: True -> False"),
        ("admin", "change_setting", "workday_start: '' -> '08:30'"),
    ]
    assert {e.at_utc for e in entries} == {clock().astimezone(UTC)}
    assert not path.with_suffix(".json.tmp").exists()


def test_saving_unchanged_settings_writes_the_file_and_no_audit(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "k.settings.json"
    assert save_settings_change(repo, Settings(), Settings(), path) == []
    assert load_settings(path, environ={}) == Settings()
    assert repo.audit.entries() == []


def test_an_invalid_change_writes_nothing(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "k.settings.json"
    save_settings(Settings(), path)
    before = path.read_text(encoding="utf-8")
    bad = Settings(cooldown_s=-5.0)  # never validated
    with pytest.raises(InputError, match=re.escape("cooldown_s must be a number between 0 and 3600 s, not -5.0")):
        save_settings_change(repo, Settings(), bad, path)
    assert path.read_text(encoding="utf-8") == before
    assert repo.audit.entries() == []


def test_a_locked_database_leaves_the_old_file_and_no_audit(repo: Repository, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "k.settings.json"
    save_settings(Settings(), path)
    before = path.read_text(encoding="utf-8")
    other_program = sqlite3.connect(db_path)
    try:
        other_program.execute("BEGIN IMMEDIATE")  # holds the write lock past the repo's 0.2 s busy timeout
        with pytest.raises(StorageError):
            save_settings_change(repo, Settings(), Settings(sounds=False), path)
    finally:
        other_program.rollback()
        other_program.close()
    assert path.read_text(encoding="utf-8") == before
    assert not path.with_suffix(".json.tmp").exists()
    assert repo.audit.entries() == []


def test_an_unwritable_settings_file_leaves_no_audit(repo: Repository, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OSError):
        save_settings_change(repo, Settings(), Settings(sounds=False), blocker / "k.settings.json")
    assert repo.audit.entries() == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_settings_file_is_private_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.settings.json"
    path.with_suffix(".json.tmp").write_text("{}", encoding="utf-8")  # an old leftover, readable by all
    os.chmod(path.with_suffix(".json.tmp"), 0o644)
    old_umask = os.umask(0)
    try:
        save_settings(Settings(sounds=False), path)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_settings(path, environ={}).sounds is False
    assert not path.with_suffix(".json.tmp").exists()
