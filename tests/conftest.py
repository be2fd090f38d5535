"""Shared fixtures. ``QT_QPA_PLATFORM`` is set before anything imports Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging
from collections.abc import Iterator
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


class LogExpectations(logging.Handler):
    """Collects warnings and errors during a test; some may be declared expected.

    ``allow(logger, containing)`` declares that records of ``logger`` (or its
    children) whose message contains ``containing`` are part of the test.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self._allowed: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def allow(self, logger: str, containing: str = "") -> None:
        self._allowed.append((logger, containing))

    def unexpected(self) -> list[logging.LogRecord]:
        def expected(record: logging.LogRecord) -> bool:
            return any(
                (record.name == name or record.name.startswith(name + ".")) and text in record.getMessage()
                for name, text in self._allowed
            )

        return [record for record in self.records if not expected(record)]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "expected_log(logger, containing=''): warnings from this logger are part of the test",
    )


@pytest.fixture(autouse=True)
def log_expectations(request: pytest.FixtureRequest) -> Iterator[LogExpectations]:
    """Fail a test that logs a warning or error it did not declare (qutebrowser's logfail).

    A test that provokes one on purpose says so with
    ``@pytest.mark.expected_log("kiosk.security")``, or a fixture calls
    ``log_expectations.allow(...)`` (e.g. the GUI's "no camera" default).
    """
    handler = LogExpectations()
    for marker in request.node.iter_markers("expected_log"):
        handler.allow(*marker.args, **marker.kwargs)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
    unexpected = handler.unexpected()
    if unexpected:
        lines = "; ".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in unexpected[:5])
        pytest.fail(f"unexpected log output: {lines}")
