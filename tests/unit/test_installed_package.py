"""What the installed package (installer/kiosk.spec) changes for the ``kiosk`` command.

``kiosk --version`` reads the package metadata, which the frozen build carries;
``kiosk bench`` needs face_recognition, which the frozen build leaves out, and
says so in one line instead of failing halfway.
"""

from __future__ import annotations

import importlib.util
from importlib import metadata

import pytest

import kiosk
from kiosk.cli.main import main


def test_version_comes_from_the_package_metadata(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"kiosk {metadata.version('kiosk')}\n"


def test_the_metadata_and_the_package_agree_on_the_version() -> None:
    """pyproject.toml's version reaches the metadata; ``kiosk.__version__``, where it exists, must say the same."""
    assert metadata.version("kiosk") == getattr(kiosk, "__version__", metadata.version("kiosk"))


def test_bench_without_face_recognition_says_so_before_any_work(monkeypatch, capsys, faces) -> None:
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "face_recognition" else real_find_spec(name, *a))
    code = main(["bench", str(faces / "video" / "blink-0012.mp4")])
    assert code == 4
    assert capsys.readouterr().err == (
        "kiosk: error: kiosk bench compares with face_recognition, which the installed package leaves out; "
        "run it from a source checkout: uv run kiosk bench VIDEO\n"
    )
