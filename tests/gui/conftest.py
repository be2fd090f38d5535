"""GUI fixtures: a real temporary database, a fake clock, and a thread-leak check.

Every test fails if it leaves a ``QThread`` running (as napari's test suite
does): a leaked capture thread would keep the camera open after the kiosk
"closed", which is exactly the bug a kiosk must not have. The failure names
where each leaked thread was started.
"""

from __future__ import annotations

import os
import secrets
import traceback
import weakref
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from clocks import CHINA, FakeClock
from pins import TEST_SCRYPT_N
from PySide6.QtCore import QThread

from kiosk.paths import PRIVATE_FILE_MODE
from kiosk.security.admin_gate import ADMIN_PIN_KEY
from kiosk.security.hashing import hash_secret
from kiosk.security.keyfile import KEY_BYTES
from kiosk.security.pins import PinStore
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.ui.app import create_app
from kiosk.ui.main_window import MainWindow

ADMIN_PIN = "246813"

_STACK_DEPTH = 6
"""Frames of the starting call kept per thread: enough to reach the test or fixture."""


def _started_at() -> str:
    """The calling place of ``QThread.start``, innermost last, without pytest's own frames."""
    frames = traceback.extract_stack()[:-2]  # drop this helper and the recording wrapper
    kept = [frame for frame in frames if "/_pytest/" not in frame.filename and "/pluggy/" not in frame.filename]
    return "".join(traceback.format_list(kept[-_STACK_DEPTH:]))


@pytest.fixture(autouse=True)
def no_thread_leaks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail the test if a ``QThread`` it started still runs, saying where it was started (as napari does)."""
    started: list[tuple[weakref.ref[QThread], str]] = []
    original_start = QThread.start

    def recording_start(self: QThread, *args: object) -> None:
        started.append((weakref.ref(self), _started_at()))
        original_start(self, *args)

    monkeypatch.setattr(QThread, "start", recording_start)
    yield
    leaked = []
    for ref, where in started:
        thread = ref()
        try:
            if thread is not None and thread.isRunning():
                leaked.append(f"{thread.objectName() or repr(thread)}, started at:\n{where}")
        except RuntimeError:  # C++ object already deleted: it finished
            pass
    if leaked:
        pytest.fail("test left QThreads running:\n" + "\n".join(leaked), pytrace=False)


@pytest.fixture
def clock_start() -> datetime:
    """The GUI tests' clock starts at Monday 2024-05-06 08:57 in UTC+8."""
    return datetime(2024, 5, 6, 8, 57, tzinfo=CHINA)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kiosk.db"


@pytest.fixture
def repo(db_path: Path) -> Iterator[Repository]:
    repository = Repository(db_path)
    yield repository
    repository.close()


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def admin_pin_key_and_hash() -> tuple[bytes, str]:
    """One PIN key and :data:`ADMIN_PIN` hashed with it, shared by every window of the run.

    Most GUI tests only need *an* admin PIN stored, so they get this one, made
    once, at the suite's PIN cost (:data:`pins.TEST_SCRYPT_N`: a session
    fixture is made before the per-test cost applies, and every admin PIN
    entered in a test is checked against this hash).
    """
    key = secrets.token_bytes(KEY_BYTES)
    return key, hash_secret(ADMIN_PIN, key=key, n=TEST_SCRYPT_N)


@pytest.fixture
def store_admin_pin(admin_pin_key_and_hash: tuple[bytes, str]) -> Callable[[Repository], None]:
    """``store_admin_pin(repo)``: :data:`ADMIN_PIN` stored in ``repo``, with the run's key file beside it."""
    return lambda repo: _store_admin_pin(repo, ADMIN_PIN, admin_pin_key_and_hash)


def _store_admin_pin(repo: Repository, pin: str, key_and_hash: tuple[bytes, str]) -> None:
    """Store ``pin`` as the admin PIN: the run's shared hash (and key file) when it fits, else a new hash."""
    key, pin_hash = key_and_hash
    if pin == ADMIN_PIN and not PinStore(repo).key_path.exists():
        fd = os.open(PinStore(repo).key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        try:
            os.write(fd, key)
        finally:
            os.close(fd)
    else:
        pin_hash = PinStore(repo).hash(pin)
    repo.settings.set(ADMIN_PIN_KEY, pin_hash)


@pytest.fixture
def make_window(
    qtbot, repo: Repository, db_path: Path, settings: Settings, clock: FakeClock, log_expectations,
    recorded_analyzers, admin_pin_key_and_hash: tuple[bytes, str],
) -> Iterator[Callable[..., MainWindow]]:
    """Build the app like production does; shuts it down (no PIN) at teardown.

    The default camera is a missing file, for tests that need no camera; the
    "camera lost" warnings that follows are then expected. The engine's
    analyser is the run's recorded one (``recorded_analyzers``), so frames
    other tests already analysed are not sent through dlib again.
    """
    windows: list[MainWindow] = []

    def make(
        camera: str | Path | int = "/nonexistent/camera.mp4",
        *,
        admin_pin: str | None = ADMIN_PIN,
        language: str = "en",
        **kwargs: object,
    ) -> MainWindow:
        if isinstance(camera, (str, Path)) and not Path(camera).exists():
            log_expectations.allow("kiosk.ui", "camera lost: video not found")
        if admin_pin is not None:
            _store_admin_pin(repo, admin_pin, admin_pin_key_and_hash)
        window = create_app(settings, repo, db_path, camera, clock, language, False, **kwargs)
        windows.append(window)
        return window

    yield make
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    # Delete the windows now, not at some later event loop: a window that
    # outlives its test still hears the next test's language switch and
    # would redraw from this test's closed database.
    for window in windows:
        window.shutdown()
        window.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    from kiosk.ui.i18n import install_translator

    install_translator(QApplication.instance(), "en")
