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
import signal
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kiosk.attendance.clock_check import ClockSuspect
from kiosk.camera import parse_source
from kiosk.engine import PendingCheckIn
from kiosk.errors import DatabaseBusy, DiskFull, KioskError
from kiosk.ops.service import ServiceNotifier
from kiosk.ops.window_lock import hold_window_lock
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
        try:
            window_lock = hold_window_lock(db_path)  # one kiosk window per database: kiosk.ops.window_lock
        except KioskError:
            repo.close()
            raise
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
    except (DatabaseBusy, DiskFull, ClockSuspect) as exc:
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
        undo_service = serve_as_service(app, ServiceNotifier())  # systemd's READY/WATCHDOG; SIGTERM ends the loop
        code = app.exec()
        undo_service()
        window.shutdown()
        repo.checkpoint()  # after the workers: the WAL back into the file, so a stopped kiosk leaves one file
        return code
    finally:
        repo.close()
        window_lock.release()


def serve_as_service(app: QCoreApplication, notifier: ServiceNotifier) -> Callable[[], None]:
    """Answer systemd (kiosk.service) from the GUI thread and end the event loop on SIGTERM; returns the undo.

    * ``READY=1`` once the event loop runs (the window is up), then ``WATCHDOG=1``
      from a timer on this, the GUI thread, every half watchdog period: a GUI
      frozen for the unit's ``WatchdogSec`` misses them and systemd restarts it.
    * SIGTERM (a service stop) and SIGINT (Ctrl+C) end the event loop with
      exit code 0; :func:`run_gui` then shuts the window down (workers stopped)
      and checkpoints the WAL. A Python signal handler runs only when the
      interpreter gets control, which Qt's event loop does not give it, so the
      signal's wake-up byte on a socket pair wakes a ``QSocketNotifier`` on the
      GUI thread, at once. POSIX only: Windows delivers no SIGTERM (it ends a
      process outright), so there this part installs nothing.
    """
    undo: list[Callable[[], None]] = []
    if notifier.enabled:
        QTimer.singleShot(0, app, lambda: notifier.ready("kiosk window up"))
    if notifier.watchdog_interval_s:
        keep_alive = QTimer(app)
        keep_alive.setInterval(max(1, round(notifier.watchdog_interval_s * 1000)))
        keep_alive.timeout.connect(notifier.alive)
        keep_alive.start()
        undo.append(keep_alive.stop)
    if sys.platform != "win32":
        undo.append(_exit_on_signals(app, notifier, (signal.SIGTERM, signal.SIGINT)))

    def undo_all() -> None:
        for step in reversed(undo):
            step()

    return undo_all


def _exit_on_signals(app: QCoreApplication, notifier: ServiceNotifier, signals: tuple[int, ...]) -> Callable[[], None]:
    """End ``app``'s event loops (exit code 0) when one of ``signals`` arrives; returns the undo."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    previous = {number: signal.signal(number, lambda *_: None) for number in signals}
    watcher = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def _on_signal() -> None:
        try:
            received = reader.recv(64)
        except BlockingIOError:
            received = b""
        names = ", ".join(signal.Signals(number).name for number in received if number in signals)
        log.info("%s received: shutting down", names or "a signal")
        notifier.stopping("shutting down")
        app.exit(0)  # not quit(): Qt 6's quit() asks the windows first, and the kiosk window wants the admin PIN

    watcher.activated.connect(_on_signal)

    def undo() -> None:
        watcher.setEnabled(False)
        watcher.deleteLater()
        signal.set_wakeup_fd(previous_fd)
        for number, handler in previous.items():
            signal.signal(number, handler)
        reader.close()
        writer.close()

    return undo
