"""Settings: defaults, file, environment overrides and validation."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import time

import pytest

from kiosk.errors import InputError
from kiosk.settings import FIELD_HELP, Settings, load_settings, resolve_db_path, save_settings, settings_path_for


def test_every_field_has_help_and_defaults_validate() -> None:
    assert set(FIELD_HELP) == {f.name for f in fields(Settings)}
    assert Settings().validated() == Settings()
    assert Settings().workday_start_time is None


def test_file_then_environment(tmp_path) -> None:
    path = tmp_path / "k.settings.json"
    save_settings(Settings(cooldown_s=30, language="zh_CN", workday_start="08:30"), path)
    assert json.loads(path.read_text(encoding="utf-8"))["cooldown_s"] == 30
    loaded = load_settings(path, environ={"KIOSK_COOLDOWN_S": "90", "KIOSK_SOUNDS": "off"})
    assert (loaded.cooldown_s, loaded.language, loaded.sounds) == (90.0, "zh_CN", False)
    assert loaded.workday_start_time == time(8, 30)


@pytest.mark.parametrize(
    ("environ", "needle"),
    [
        ({"KIOSK_STRICTNESS": "lenient"}, "strictness must be one of"),
        ({"KIOSK_COOLDOWN_S": "-1"}, "cooldown_s must be between"),
        ({"KIOSK_COOLDOWN_S": "soon"}, "cooldown_s must be a float"),
        ({"KIOSK_SOUNDS": "maybe"}, "sounds must be true or false"),
        ({"KIOSK_WORKDAY_START": "25:00"}, "workday_start must look like 09:00"),
        ({"KIOSK_LANGUAGE": "fr"}, "language must be one of"),
    ],
)
def test_bad_values_are_refused_with_the_field_named(environ, needle) -> None:
    with pytest.raises(InputError, match=needle):
        load_settings(None, environ=environ)


def test_corrupt_settings_file(tmp_path) -> None:
    path = tmp_path / "k.settings.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="is not valid JSON"):
        load_settings(path, environ={})


def test_database_path_resolution(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KIOSK_DB", str(tmp_path / "env.sqlite"))
    assert resolve_db_path(tmp_path / "cli.sqlite") == tmp_path / "cli.sqlite"
    assert resolve_db_path(None) == tmp_path / "env.sqlite"
    assert settings_path_for(tmp_path / "office.sqlite") == tmp_path / "office.settings.json"
