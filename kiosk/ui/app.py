"""Wiring the kiosk app: one function builds it, one runs it from the command line.

:func:`create_app` takes every dependency (settings, repository, database
path, camera source, clock) so tests pass a temporary database, a video file
as the camera and a fixed clock. :func:`run_gui` is what ``python -m kiosk``
runs when no CLI subcommand is given.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from kiosk.camera import parse_source
from kiosk.engine import PendingCheckIn
from kiosk.errors import DatabaseBusy, KioskError
from kiosk.paths import settings_path_for
from kiosk.privacy import erase_expired
from kiosk.settings.files import load_settings
from kiosk.settings.specs import Settings
from kiosk.storage.location import DatabaseLocation
from kiosk.storage.repository import Repository
from kiosk.ui.i18n import install_translator
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets import install_plain_text_labels
from kiosk.ui.workers import RETRY_INTERVAL_S, Processor, ProcessorOpener
from kiosk.vision.encoder import Encoder
from kiosk.wiring import effective_settings

log = logging.getLogger("kiosk.ui")


def local_now() -> datetime:
    """The production clock: aware local time."""
    return datetime.now().astimezone()


def engine_opener(
    db_path: Path | DatabaseLocation,
    settings: Callable[[], Settings],
    clock: Callable[[], datetime],
    *,
    asynchronous: bool = True,
    encoder: Encoder | None = None,
) -> ProcessorOpener:
    """Opens the engine, as the kiosk's frame processor, with its own database connection.

    It is entered inside the vision thread: SQLite connections belong to the
    thread that made them, so the vision thread cannot share the GUI's
    repository; WAL mode lets both work at once. ``settings`` is called at
    each (re)open so a reload picks up new settings.

    ``asynchronous``: encode in a separate process
    (:class:`~kiosk.vision.encoder.ProcessEncoder`, started on the first frame
    after each opening and stopped with it), so the 0.1 s encodings never stall the per-frame
    landmarks and blink detection; False encodes in the vision thread, frame
    by frame reproducibly (lockstep replays). ``encoder``: an encoder the
    caller started and will close, used by every opening instead (the live
    benchmark starts it before the video does). ``db_path`` may be a server's
    :class:`~kiosk.storage.location.DatabaseLocation`: the vision thread then
    gets its own connection to the same server.
    """

    # Check-ins still waiting for a busy database when the engine is reopened
    # (a reload after a settings or enrollment change) go to the next engine.
    carried: list[PendingCheckIn] = []

    @contextmanager
    def open_engine() -> Iterator[Processor]:
        from kiosk.wiring import create_engine

        # A short wait: a lock held elsewhere must not stall the vision thread;
        # the engine keeps the check-in pending and retries on the next frame.
        if isinstance(db_path, DatabaseLocation):
            repo = Repository(db_path.url or db_path.path, busy_timeout_s=Repository.SCREEN_BUSY_TIMEOUT_S,
                              files_base=db_path.path)
        else:
            repo = Repository(db_path, busy_timeout_s=Repository.SCREEN_BUSY_TIMEOUT_S)
        try:
            with _opened_encoder(encoder, asynchronous) as opened:
                engine = create_engine(repo, settings(), clock, encoder=opened)
                engine.adopt_pending(carried)
                carried.clear()
                try:
                    yield engine.process
                finally:
                    carried.extend(engine.take_pending())
        finally:
            repo.close()

    return open_engine


@contextmanager
def _opened_encoder(shared: Encoder | None, asynchronous: bool) -> Iterator[Encoder | None]:
    """``shared`` if given; else a fresh encoder process when ``asynchronous``, closed on exit; else None (sync)."""
    if shared is not None or not asynchronous:
        yield shared
        return
    from kiosk.vision.encoder import ProcessEncoder

    process = ProcessEncoder()  # starts on the engine's first frame: a window without a camera never starts it
    try:
        yield process
    finally:
        process.close()


def create_app(
    settings: Settings,
    repo: Repository,
    db_path: Path,
    camera_source: int | str | Path,
    clock: Callable[[], datetime] = local_now,
    language: str | None = None,
    fullscreen: bool = False,
    *,
    open_engine: ProcessorOpener | None = None,
    paced: bool = True,
    lockstep: bool = False,
    camera_retry_s: float = RETRY_INTERVAL_S,
) -> MainWindow:
    """Build, start and show the main window (a ``QApplication`` must exist).

    ``camera_source`` is a camera index or a video path (a string is parsed
    like ``--camera``). ``open_engine`` replaces the real engine (tests);
    ``lockstep`` makes the vision thread see every frame of a video instead of
    only the newest, and encode in step with the frames — for reproducible
    tests, never for a live camera. ``camera_retry_s``: seconds between attempts
    to reopen a lost camera (tests of the no-camera screen shorten it).
    """
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("create a QApplication before create_app()")
    language = language or settings.language
    install_translator(app, language)
    install_plain_text_labels(app)
    source = parse_source(camera_source) if isinstance(camera_source, str) else camera_source
    window = MainWindow(
        settings=settings,
        repo=repo,
        db_path=Path(db_path),
        clock=clock,
        camera_source=source,
        open_engine=open_engine
        or engine_opener(
            DatabaseLocation(Path(db_path), repo.server_url) if repo.server_url else Path(db_path),
            lambda: window.settings, clock, asynchronous=not lockstep,
        ),
        language=language,
        paced=paced,
        lockstep=lockstep,
        camera_retry_s=camera_retry_s,
    )
    from kiosk.ui.admin import install_admin_pages

    install_admin_pages(window)
    window.start()
    if fullscreen:
        window.show_fullscreen()
    else:
        window.show()
    return window


def run_gui(args: argparse.Namespace) -> int:
    """Run the kiosk window until it is closed (with the admin PIN); returns the exit code.

    ``args`` are the ``kiosk`` command's top-level options (``--camera``,
    ``--db``, ``--fullscreen``, ``--language``), parsed by :mod:`kiosk.cli`.
    """
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "kiosk"])
    app.setApplicationName("kiosk")
    from kiosk.storage.location import open_repository, resolve_location
    try:
        where = resolve_location(args.db)  # a file, or a postgresql:// URL
        db_path = where.path
        settings = load_settings(settings_path_for(db_path))
        repo = open_repository(where, "create")
    except (KioskError, OSError) as exc:
        log.error("cannot start: %s", exc)
        QMessageBox.critical(None, "kiosk", str(exc))
        return getattr(exc, "exit_code", 1)
    server = getattr(args, "server", None) or os.environ.get("KIOSK_SERVER", "")
    try:
        # With a server, HR's retention period (pulled from it, or read on it) is the one that counts.
        managed = bool(server or repo.server_url)
        days = effective_settings(settings, repo, managed=managed).template_retention_days
        # Former employees' biometrics go at start-up; the engine repeats this daily.
        erase_expired(repo, local_now(), days, actor="kiosk")
    except DatabaseBusy as exc:
        log.warning("retention pass postponed to the first frame: %s", exc)
    try:
        window = create_app(
            settings,
            repo,
            db_path,
            args.camera if args.camera is not None else settings.camera,
            local_now,
            args.language,
            args.fullscreen,
        )
        if repo.server_url:
            window.follow_company_settings()  # HR's company-wide settings are in the very database it uses
        if server and repo.server_url:
            log.warning("--server ignored: this kiosk already works directly on the server given as --db")
        elif server:
            window.start_sync(server)  # offline-first: the kiosk keeps using its own file
        code = app.exec()
        window.shutdown()
        return code
    finally:
        repo.close()
