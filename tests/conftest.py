"""Shared fixtures. ``QT_QPA_PLATFORM`` is set before anything imports Qt.

Real faces come from one place (:func:`faces`), and go through dlib once per
run: :func:`analyzer` is the real analyser, recorded (see ``tests/recorded.py``),
and :func:`video_frames` decodes each video once.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import importlib
import logging
import pkgutil
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from clocks import CHINA, FakeClock
from pins import TEST_SCRYPT_N
from postgres import PostgresServer
from recorded import RecordedAnalyzer, Recordings

import kiosk
from kiosk.camera import FrameSource
from kiosk.security import hashing
from kiosk.vision.types import Frame

_DEFAULT_FACES = Path(__file__).resolve().parents[1].parent / "shared" / "faces"


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than cores.

    Measured on CI's two cores (clean clone, ``.ci/run``): 2 min 55 s with two
    workers, 2 min 40 s with three. About 50 s of the suite's worker time is
    spent waiting (Qt timers, lock timeouts, subprocesses), which a third
    worker fills with another test's CPU work.
    """
    return (os.cpu_count() or 1) + 1


@pytest.fixture(scope="session")
def faces() -> Path:
    """The real face data in ``../shared/faces`` (or ``$KIOSK_FACES``).

    It is never copied into the project; tests that need it skip when absent.
    """
    root = Path(os.environ.get("KIOSK_FACES", _DEFAULT_FACES))
    if not (root / "README.md").is_file():
        pytest.skip(f"real face data not found at {root} (set KIOSK_FACES)")
    return root


_RECORDINGS = Recordings()


@pytest.fixture(scope="session")
def recordings(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Recordings:
    """Every recorded analyser of this run, one per detector configuration.

    With pytest-xdist the run's worker processes share what dlib found through
    a folder of the run's temporary root, so two workers analysing the same
    video do not both pay for it (``worker_id`` is ``"master"`` without xdist).
    """
    if worker_id != "master":
        _RECORDINGS.share_through(tmp_path_factory.getbasetemp().parent / "recorded-faces")
    return _RECORDINGS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how much dlib work the recorded analysers saved (shown with ``-v``)."""
    lines = _RECORDINGS.summary()
    if lines and terminalreporter.verbosity > 0:
        terminalreporter.write_sep("-", "recorded face analysers")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def analyzer(recordings: Recordings) -> RecordedAnalyzer:
    """The real face analyser with the default detector, recorded for the whole run.

    Loading dlib's models takes about a second and analysing a 640×480 frame
    about 0.05 s; the recording makes every later look at the same pixels free.
    """
    return recordings.for_config()


def _engine_modules() -> Iterator[str]:
    """Every ``kiosk`` module outside the GUI (whose modules the GUI tests import themselves)."""
    import kiosk

    for module in pkgutil.walk_packages(kiosk.__path__, "kiosk."):
        if module.name != "kiosk.__main__" and not module.name.startswith("kiosk.ui"):
            yield module.name


@pytest.fixture
def recorded_analyzers(monkeypatch: pytest.MonkeyPatch, recordings: Recordings) -> Recordings:
    """Make :func:`kiosk.engine.create_analyzer` hand out the run's recorded analysers.

    The GUI and the CLI build their own analyser through that factory; this
    swaps it, for one test, in ``kiosk.engine`` and in every loaded module that
    imported it by name (engine modules are imported first, so a later import
    cannot keep the swapped factory after the test).
    """
    import kiosk.engine

    for name in _engine_modules():
        importlib.import_module(name)
    original = kiosk.engine.create_analyzer
    for name, module in list(sys.modules.items()):
        if name.partition(".")[0] == "kiosk" and getattr(module, "create_analyzer", None) is original:
            monkeypatch.setattr(module, "create_analyzer", recordings.for_settings)
    return recordings


@pytest.fixture(scope="session")
def video_frames(faces: Path) -> Callable[[str], tuple[Frame, ...]]:
    """``video_frames("blink-0012.mp4")``: every frame of a video in ``faces/video``, decoded once a run.

    The pixels are read-only, so no test can change what the next one sees.
    """
    decoded: dict[str, tuple[Frame, ...]] = {}

    def frames(name: str) -> tuple[Frame, ...]:
        if name not in decoded:
            with FrameSource(faces / "video" / name) as source:
                video = tuple(source.frames())
            for frame in video:
                frame.rgb.setflags(write=False)
            decoded[name] = video
        return decoded[name]

    return frames


@pytest.fixture
def clock_start() -> datetime:
    """Where :func:`clock` starts: Monday 2024-05-06 08:55 in UTC+8 (a folder may override it)."""
    return datetime(2024, 5, 6, 8, 55, tzinfo=CHINA)


@pytest.fixture
def clock(clock_start: datetime) -> FakeClock:
    """A clock that moves only when the test moves it, starting at :func:`clock_start`."""
    return FakeClock(clock_start)


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
    config.addinivalue_line(
        "markers",
        "production_pin_cost: hash PINs at the shipped scrypt cost (n=2**16) instead of the suite's cheap one",
    )


@pytest.fixture(autouse=True)
def pin_hash_cost(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """The scrypt ``n`` new PIN hashes get in this test (see :data:`TEST_SCRYPT_N`)."""
    if request.node.get_closest_marker("production_pin_cost") is None:
        monkeypatch.setattr(hashing, "SCRYPT_N", TEST_SCRYPT_N)
    return hashing.SCRYPT_N


@pytest.fixture(autouse=True)
def released_before_the_test_clocks(monkeypatch: pytest.MonkeyPatch) -> date:
    """The release day the clock is judged against in this test: 2000-01-01.

    The suite's clocks start in May 2024 (:func:`clock_start`), before this
    version's real release day (:data:`kiosk.RELEASE_DATE`), which would flag
    every check-in they stamp ``clock_suspect`` and stop every retention pass.
    The release-day rule has its own tests (``tests/unit/test_clock_check.py``),
    which set the day they need.
    """
    monkeypatch.setattr(kiosk, "RELEASE_DATE", date(2000, 1, 1))
    return kiosk.RELEASE_DATE


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


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One real PostgreSQL server for the whole run (see ``tests/postgres.py``), stopped and deleted after.

    If it cannot start, every test that asks for it errors: nothing is skipped.
    """
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A ``postgresql://`` URL (superuser, password) to a fresh empty database, dropped after the test."""
    name = postgres_server.create_database()
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.drop_database(name)
