"""GUI fixtures: a real temporary database, a fixed clock, and a thread-leak check.

Every test fails if it leaves a ``QThread`` running (as napari's test suite
does): a leaked capture thread would keep the camera open after the kiosk
"closed", which is exactly the bug a kiosk must not have.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QThread

from kiosk.security import hash_secret
from kiosk.settings import Settings
from kiosk.storage.repository import Repository
from kiosk.ui.app import create_app
from kiosk.ui.main_window import ADMIN_PIN_KEY, MainWindow

CHINA = timezone(timedelta(hours=8))
ADMIN_PIN = "2468"


class FixedClock:
    """Aware local time that moves only when a test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def no_thread_leaks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    started: list[weakref.ref[QThread]] = []
    original_start = QThread.start

    def recording_start(self: QThread, *args: object) -> None:
        started.append(weakref.ref(self))
        original_start(self, *args)

    monkeypatch.setattr(QThread, "start", recording_start)
    yield
    leaked = []
    for ref in started:
        thread = ref()
        try:
            if thread is not None and thread.isRunning():
                leaked.append(thread.objectName() or repr(thread))
        except RuntimeError:  # C++ object already deleted: it finished
            pass
    if leaked:
        pytest.fail(f"test left QThreads running: {leaked}")


@pytest.fixture
def clock() -> FixedClock:
    """Monday 2024-05-06 08:57 in UTC+8."""
    return FixedClock(datetime(2024, 5, 6, 8, 57, tzinfo=CHINA))


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


@pytest.fixture
def make_window(
    qtbot, repo: Repository, db_path: Path, settings: Settings, clock: FixedClock, log_expectations
) -> Iterator[Callable[..., MainWindow]]:
    """Build the app like production does; shuts it down (no PIN) at teardown.

    The default camera is a missing file, for tests that need no camera; the
    "camera lost" warnings that follows are then expected.
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
            repo.set_setting(ADMIN_PIN_KEY, hash_secret(admin_pin))
        window = create_app(settings, repo, db_path, camera, clock, language, False, **kwargs)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()
    from kiosk.ui.i18n import install_translator
    from PySide6.QtWidgets import QApplication

    install_translator(QApplication.instance(), "en")
