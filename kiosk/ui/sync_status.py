"""The kiosk screen's small sync line, and the controller that runs background sync.

:class:`SyncStatusLabel` is one unobtrusive line under the clock: when the
kiosk last reached the company server and how many check-ins wait to be
sent. It turns into a warning for admins once the oldest waiting check-in
has waited longer than ``Settings.sync_warning_after_min``, and while the
kiosk cannot check the PINs it pulled (no PIN key file, or not the server's).
It only draws a :class:`~kiosk.sync.round.SyncStatus`; :class:`SyncController` owns the
:class:`~kiosk.ui.sync_worker.SyncWorker` thread and feeds the label.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.sync.door import REFUSED_PREFIX
from kiosk.sync.pin_key_check import PinKeyProblem
from kiosk.sync.round import SyncResult, SyncStatus
from kiosk.ui.style import follow_language
from kiosk.ui.sync_worker import SyncWorker
from kiosk.ui.widgets import px_font
from kiosk.ui.workers import WorkerThread

log = logging.getLogger("kiosk.ui")

MUTED_STYLE = "color: #777777;"
WARNING_STYLE = "color: #b00020; font-weight: bold;"


class SyncStatusLabel(QLabel):
    """"Synced 10:42 · 3 waiting", or a warning once check-ins have waited too long.

    Hidden on a kiosk with no server. Times are shown on the kiosk's local clock.
    """

    def __init__(self, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.setFont(px_font(16))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.setTextFormat(Qt.TextFormat.PlainText)
        # A warning is longer than a portrait panel's top row is wide: it wraps instead of being cut.
        self.setWordWrap(True)
        # Hidden (no server), it still holds the room between clock and Admin button.
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.status: SyncStatus | None = None
        self.failure: str | None = None
        """The last round's one-line error (None after a round that reached the server)."""
        self.warn_after_s = 3600.0
        self.warning = False
        """True while the line warns admins (check-ins waited too long, or :attr:`pin_key_problem`)."""
        self.pin_key_problem: PinKeyProblem | None = None
        """Why the PINs pulled from the server cannot be checked here, as the last round found (None: they can)."""
        self.hide()
        follow_language(self, self.redraw)

    def show_status(
        self,
        status: SyncStatus,
        failure: str | None,
        warn_after_s: float,
        pin_key_problem: PinKeyProblem | None = None,
    ) -> None:
        """Draw ``status`` (``failure``: why the last round did not reach the server, or None;
        ``pin_key_problem``: why pulled PINs cannot be checked here, or None)."""
        self.status, self.failure, self.warn_after_s = status, failure, warn_after_s
        self.pin_key_problem = pin_key_problem
        self.redraw()
        self.show()

    def redraw(self) -> None:
        """Say the current status again (after a language change, or with a new status)."""
        status = self.status
        if status is None:
            return
        now = self.clock()
        if status.last_success_at is None:
            when = self.tr("Not yet synced")
        else:
            when = self.tr("Synced %1").replace("%1", status.last_success_at.astimezone(now.tzinfo).strftime("%H:%M"))
        parts = [when]
        if self.failure is not None:
            parts.append(self.tr("server unreachable"))
        parts.append(self.tr("%1 waiting").replace("%1", str(status.pending)))
        self.warning = status.pending > 0 and status.waited_s(now) > self.warn_after_s
        if self.warning:
            hours = max(1, int(status.waited_s(now) // 3600))
            parts = [
                self.tr("Admin: unsent check-ins: %1").replace("%1", str(status.pending)),
                self.tr("oldest %1 h ago").replace("%1", str(hours)),
                when,
            ]
            if self.failure is not None:  # a touch screen shows no tooltip: say why here too
                parts.append(self.tr("server unreachable"))
        if self.failure is not None and self.failure.startswith(REFUSED_PREFIX):
            # Not a network fault: the server refuses this door's writes until HR registers it.
            parts = [part for part in parts if part != self.tr("server unreachable")]
            parts.insert(0, self.tr("Admin: the server does not take this kiosk's check-ins yet: ask HR (Doors page)"))
            self.warning = True
        if self.pin_key_problem is PinKeyProblem.MISSING:
            parts.insert(0, self.tr("Admin: PINs cannot be checked: this kiosk has no usable PIN key file"))
        elif self.pin_key_problem is PinKeyProblem.DIFFERENT:
            parts.insert(0, self.tr("Admin: PINs cannot be checked: this kiosk's PIN key file is not the server's"))
        self.warning = self.warning or self.pin_key_problem is not None
        self.setText(" · ".join(parts))
        self.setToolTip(self.failure or "")
        self.setStyleSheet(WARNING_STYLE if self.warning else MUTED_STYLE)


class SyncController(QObject):
    """Runs :class:`SyncWorker` for one kiosk window and draws its reports on ``label``.

    ``warn_after_s`` is read before each drawing (the admin may change the
    setting while the kiosk runs); ``on_pulled`` is called on the GUI thread
    after a round that changed local employees or events, so the engine
    reloads its gallery at once.
    """

    def __init__(
        self,
        db_path: Path,
        server_url: str,
        label: SyncStatusLabel,
        warn_after_s: Callable[[], float],
        on_pulled: Callable[[], None],
        *,
        interval_s: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.label = label
        self.warn_after_s = warn_after_s
        self.on_pulled = on_pulled
        self.failure: str | None = None
        self.last_result: SyncResult | None = None
        self.pin_key_problem: PinKeyProblem | None = None
        """As the last round that reached the server found it (kept while the server is unreachable)."""
        worker = SyncWorker(db_path, server_url) if interval_s is None else SyncWorker(
            db_path, server_url, interval_s=interval_s
        )
        worker.synced.connect(self._on_synced)
        worker.sync_failed.connect(self._on_sync_failed)
        worker.status_read.connect(self._on_status_read)
        self.worker_thread = WorkerThread.start(worker, "kiosk-sync")

    @property
    def worker(self) -> SyncWorker:
        return self.worker_thread.worker

    def stop(self) -> bool:
        """Stop the sync thread (a round in progress finishes its current step first)."""
        return self.worker_thread.stop()

    @Slot(object)
    def _on_synced(self, result: SyncResult) -> None:
        self.failure = None
        self.last_result = result
        self.pin_key_problem = result.pin_key_problem
        if result.pulled:
            self.on_pulled()

    @Slot(str)
    def _on_sync_failed(self, message: str) -> None:
        self.failure = message

    @Slot(object)
    def _on_status_read(self, status: SyncStatus) -> None:
        self.label.show_status(status, self.failure, self.warn_after_s(), self.pin_key_problem)
