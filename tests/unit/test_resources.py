"""Translations and sounds travel inside a built wheel and are found there."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    uv = shutil.which("uv")
    if uv is None:
        pytest.fail("uv is needed to build the wheel (the README's install path)")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([uv, "build", "--wheel", "--out-dir", str(out), str(ROOT)], check=True, capture_output=True)
    (built,) = out.glob("kiosk-*.whl")
    return built


def test_wheel_carries_the_catalogues_and_sounds(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "kiosk/resources/i18n/kiosk_zh_CN.qm",
        "kiosk/resources/i18n/admin_zh_CN.qm",
        "kiosk/resources/sounds/success.wav",
        "kiosk/resources/sounds/failure.wav",
    ):
        assert expected in names


def test_an_unpacked_wheel_finds_its_own_resources(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = "from kiosk.resources import resource_dir; print(resource_dir('i18n'))"
    found = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
        check=True, capture_output=True, text=True, cwd=tmp_path,
    ).stdout.strip()
    assert Path(found) == site / "kiosk" / "resources" / "i18n"
    assert (Path(found) / "kiosk_zh_CN.qm").is_file()
