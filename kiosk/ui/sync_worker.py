"""Background sync with the company server, off the GUI thread.

:class:`SyncWorker` runs :func:`kiosk.sync.round.sync_once` every
:data:`SYNC_INTERVAL_S` in its own ``QThread`` (started and stopped through
:class:`~kiosk.ui.workers.WorkerThread`), with its own connections to the local
file and to the server: SQLite connections belong to the thread that opened
them, and a server that hangs must stall this thread only, never the preview
or a check-in. While the server is down the kiosk keeps recognising from its
local gallery and recording locally; the next round that reaches the server
sends what waited.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal, Slot

from kiosk.errors import KioskError
from kiosk.storage.repository import Repository
from kiosk.sync.round import SyncResult, SyncStatus, sync_once, sync_status
from kiosk.sync.server import open_server
from kiosk.ui.workers import Worker, _one_line, interruptible_wait

log = logging.getLogger("kiosk.ui")

SYNC_INTERVAL_S = 60.0
"""Seconds between rounds (60: a check-in reaches HR and the other doors within
a minute, and 20 kiosks cost the server one small transaction a second)."""


class SyncWorker(Worker):
    """Runs a sync round, waits :attr:`interval_s`, and again, until interrupted.

    Signals:
        synced(object): a round finished; carries its :class:`~kiosk.sync.round.SyncResult`.
        sync_failed(str): a round could not finish (server down, wrong URL,
            bad credentials); a one-line message. Rounds continue.
        status_read(object): the local :class:`~kiosk.sync.round.SyncStatus` after
            every attempt, successful or not (last sync time, events waiting).
        finished(): ``run`` returned.
    """

    synced = Signal(object)
    sync_failed = Signal(str)
    status_read = Signal(object)

    def __init__(self, db_path: Path, server_url: str, *, interval_s: float = SYNC_INTERVAL_S) -> None:
        super().__init__()
        self.db_path = db_path
        self.server_url = server_url
        self.interval_s = interval_s
        self._now = threading.Event()

    def sync_now(self) -> None:
        """Start the next round at once instead of at the end of the interval (thread-safe)."""
        self._now.set()

    @Slot()
    def run(self) -> None:
        thread = QThread.currentThread()
        local: Repository | None = None
        try:
            while not thread.isInterruptionRequested():
                self._now.clear()
                local = self._round(local)
                waited = 0.0
                while waited < self.interval_s and not self._now.is_set():
                    if not interruptible_wait(0.25):
                        return
                    waited += 0.25
        finally:
            if local is not None:
                local.close()
            self.finished.emit()

    def _round(self, local: Repository | None) -> Repository | None:
        """One round; returns the local repository to reuse next time (opened here, in this
        thread, once: reopening runs SQLite's quick check over the whole file every minute),
        or None after the local file failed, so the next round reopens it."""
        try:
            if local is None:
                local = Repository(self.db_path)
            try:
                server = open_server(self.server_url)
                try:
                    result: SyncResult = sync_once(local, server)
                finally:
                    server.close()
                self.synced.emit(result)
            except KioskError as exc:
                log.warning("sync failed: %s", exc)
                self.sync_failed.emit(_one_line(exc))
            status: SyncStatus = sync_status(local)
            self.status_read.emit(status)
            return local
        except KioskError as exc:  # the local file itself is busy or unreadable
            log.warning("sync skipped: %s", exc)
            self.sync_failed.emit(_one_line(exc))
        except Exception as exc:  # a bug must not end background sync silently
            log.exception("sync crashed")
            self.sync_failed.emit(_one_line(exc))
        if local is not None:
            local.close()
        return None
