"""Shared fixtures. ``QT_QPA_PLATFORM`` is set before anything imports Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

_DEFAULT_FACES = Path(__file__).resolve().parents[1].parent / "shared" / "faces"


@pytest.fixture(scope="session")
def faces() -> Path:
    """The real face data in ``../shared/faces`` (or ``$KIOSK_FACES``).

    It is never copied into the project; tests that need it skip when absent.
    """
    root = Path(os.environ.get("KIOSK_FACES", _DEFAULT_FACES))
    if not (root / "README.md").is_file():
        pytest.skip(f"real face data not found at {root} (set KIOSK_FACES)")
    return root


@pytest.fixture(scope="session")
def analyzer():
    """One face analyser for the whole run: loading dlib's models takes about a second."""
    from kiosk.vision.detect import FaceAnalyzer

    return FaceAnalyzer()
