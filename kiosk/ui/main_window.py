"""The one window: a stack of the first-run page, the kiosk, and admin pages.

The kiosk cannot be left without the admin PIN: closing the window (Alt+F4,
the title bar) asks for it, and Esc does nothing on the kiosk screen. Admin
pages are reached only through the PIN and are locked again on return.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QApplication, QMainWindow, QSizePolicy, QStackedWidget, QWidget

from kiosk.attendance.pin_checkin import PinAnswer
from kiosk.errors import DatabaseBusy, DiskFull, KioskError
from kiosk.logs import attach_recent_errors, detach
from kiosk.paths import log_path_for
from kiosk.security.admin_gate import AdminGate
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.ui.admin.common import AdminPage as AdminScreen
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.admin_home import AdminHome, AdminPage
from kiosk.ui.dialogs import EmployeePinDialog, PinDialog, PinSetupPage
from kiosk.ui.health_line import HealthMonitor
from kiosk.ui.i18n import install_translator
from kiosk.ui.kiosk_screen import KioskScreen
from kiosk.ui.maintenance import MaintenanceController, add_maintenance_line
from kiosk.ui.pipeline import CameraPipeline
from kiosk.ui.prompts import Sound, saving_message
from kiosk.ui.recent_errors import RecentErrorsDialog
from kiosk.ui.sounds import SoundPlayer
from kiosk.ui.style import (
    REFERENCE_LONG_SIDE,
    REFERENCE_SHORT_SIDE,
    SCALE_PROPERTY,
    apply_scale,
    follow_language,
    install_screen_scaler,
    scale_for,
)
from kiosk.ui.sync_status import SyncController
from kiosk.ui.workers import RETRY_INTERVAL_S, CaptureWorker, ProcessorOpener, VisionWorker, WorkerThread
from kiosk.wiring import SettingsMode, SettingsState, create_pin_checkin

log = logging.getLogger("kiosk.ui")

IDLE_CHECK_MS = 1000
"""How often the window asks the admin gate whether admin mode has idled out
(the gate decides, from the kiosk's clock; a second is fine-grained enough
against a five-minute limit)."""

BUSY_RETRY_MS = 1000
"""While another program holds the database's write lock, a PIN dialog tries
again this often (ms): soon enough that nobody waits long after the lock goes,
rare enough that the scrypt check (a few tenths of a second) stays negligible."""

SMALLEST_WINDOW = (480, 320)
"""The window's own minimum size (px). It is set explicitly so that the
layouts, drawn for 1280×800, never force a window larger than the screen: the
window's size picks the scale (:func:`kiosk.ui.style.scale_for`), and the
scaled layouts then fit it."""


class MainWindow(QMainWindow):
    """Everything on screen, plus the camera pipeline feeding the kiosk (and, while it captures, enrollment).

    Admin pages see it only through :meth:`admin_context`. Engine work
    happens in the vision thread; after changing templates or settings the
    pages call the context's ``reload_engine`` / ``apply_settings``.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        repo: Repository,
        db_path: Path,
        clock: Callable[[], datetime],
        camera_source: int | str | Path,
        open_engine: ProcessorOpener,
        language: str = "en",
        paced: bool = True,
        lockstep: bool = False,
        camera_retry_s: float = RETRY_INTERVAL_S,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        """What the kiosk runs with now: its own settings, under the company's once it follows a server."""
        self.settings_state = SettingsState(settings)
        """The kiosk's own settings, the mode and what is in force (the state machine lives in :mod:`kiosk.wiring`)."""
        self.repo = repo
        # The GUI thread never waits on SQLite for seconds: a lock held elsewhere
        # surfaces at once as DatabaseBusy, which the screens say and retry.
        repo.set_busy_timeout(Repository.SCREEN_BUSY_TIMEOUT_S)
        self.db_path = db_path
        self.clock = clock
        self.language = language
        # The one camera of the app: the kiosk screen holds its frames unless
        # the enrollment wizard borrowed them.
        self.pipeline = CameraPipeline(
            camera_source, paced=paced, lockstep=lockstep, retry_s=camera_retry_s, parent=self
        )
        self._allow_close = False
        self.pin_dialog: PinDialog | None = None
        self.employee_pin_dialog: EmployeePinDialog | None = None
        self.admin_pages: dict[AdminPage, QWidget] = {}
        self.gate = AdminGate(repo, clock)
        self.pin_checkin = create_pin_checkin(repo, settings, clock)
        self.admin_idle_timer = QTimer(self)
        self.admin_idle_timer.setInterval(IDLE_CHECK_MS)
        self.admin_idle_timer.timeout.connect(self._on_admin_idle_timer_timeout)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            install_screen_scaler(app)
        self._fullscreen = False
        self._watched_screen: QScreen | None = None
        self.sync: SyncController | None = None
        """Background sync with the company server (:meth:`start_sync`); None on a kiosk of its own."""

        self.sounds = SoundPlayer(enabled=settings.sounds, parent=self)
        self.recent_errors = attach_recent_errors(earlier_from=log_path_for(db_path))
        """What went wrong lately (before a restart too), in technical detail, for Administration → Recent problems."""
        self.problems_dialog: RecentErrorsDialog | None = None
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.setup_page = PinSetupPage(self)
        self.setup_page.pin_chosen.connect(self._on_pin_chosen)
        self.kiosk = KioskScreen(clock, pipeline=self.pipeline, sounds=self.sounds, parent=self)
        self.kiosk.set_pin_fallback(settings.pin_fallback)
        self.pipeline.set_home(self.kiosk, open_engine, "kiosk-vision")
        self.kiosk.admin_requested.connect(self._on_admin_requested)
        self.kiosk.pin_fallback_requested.connect(self._on_pin_fallback_requested)
        self.kiosk.camera_chosen.connect(self._on_camera_chosen)
        self.admin_home = AdminHome(self)
        self.admin_home.page_requested.connect(self.show_admin_page)
        self.admin_home.kiosk_requested.connect(self.show_kiosk)
        self.admin_home.quit_requested.connect(self.quit_kiosk)
        self.admin_home.problems_requested.connect(self.show_recent_problems)
        self.maintenance = MaintenanceController(  # a kiosk file's daily integrity check and backup
            db_path, lambda: self.settings, clock, add_maintenance_line(self.admin_home),
            enabled=repo.server_url is None, parent=self,
        )  # fmt: skip
        self.health = HealthMonitor(
            repo, db_path.parent, clock, lambda: self.settings.disk_warning_mb,
            (self.kiosk.health_line, self.admin_home.health_line), parent=self,
        )  # fmt: skip
        """The admins' red line: a full or filling disk, a clock that looks wrong (:mod:`kiosk.ui.health_line`)."""
        for page in (self.setup_page, self.kiosk, self.admin_home):
            self.stack.addWidget(page)
        self.stack.currentChanged.connect(self._on_stack_current_changed)
        self._on_stack_current_changed(self.stack.currentIndex())
        self.setMinimumSize(*SMALLEST_WINDOW)
        available = self.screen().availableGeometry()
        self.resize(min(REFERENCE_LONG_SIDE, available.width()), min(REFERENCE_SHORT_SIDE, available.height()))
        self.retranslate()
        follow_language(self, self.retranslate)

    # ---- start / stop -----------------------------------------------------
    @property
    def needs_setup(self) -> bool:
        return self.gate.needs_setup

    def start(self) -> None:
        """First-run page if no admin PIN exists yet, else the kiosk with its workers."""
        if self.needs_setup:
            self.stack.setCurrentWidget(self.setup_page)
            self.setup_page.first.setFocus()
        else:
            self.show_kiosk()
            self.start_workers()

    def start_workers(self) -> None:
        """Open the camera and give its frames to the kiosk screen; start watching the disk and the clock."""
        self.pipeline.start()
        self.health.start()
        self.maintenance.start()

    def start_camera(self, source: int | str | Path) -> None:
        """Read from ``source`` from now on: a camera index or a video path."""
        self.pipeline.open_camera(source)

    # ---- screen size ------------------------------------------------------
    @property
    def scale(self) -> float:
        """The factor every size on screen is drawn at (1.0 at 1280×800; see :func:`kiosk.ui.style.scale_for`)."""
        value = self.property(SCALE_PROPERTY)
        return value if isinstance(value, float) else 1.0

    def resizeEvent(self, event: QResizeEvent) -> None:
        scale = scale_for(event.size().width(), event.size().height())
        if self.property(SCALE_PROPERTY) != scale:
            apply_scale(self, scale)
        super().resizeEvent(event)

    def _on_stack_current_changed(self, index: int) -> None:
        # Only the page on screen may ask for room: a stack's minimum size is
        # its largest page's, and a page not shown (a wide report) must not
        # push the kiosk screen off a small panel. Ignored pages count as 0.
        current = self.stack.widget(index)
        for position in range(self.stack.count()):
            page = self.stack.widget(position)
            if page is None:
                continue
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)

    def show_fullscreen(self) -> None:
        """Fill the screen, with or without a window manager, and keep filling it.

        ``showFullScreen`` alone only asks the window manager; on a bare X
        display (a common kiosk set-up, no WM) nobody answers and the window
        keeps its size. So the geometry is also set to the screen's, and set
        again when the screen's size changes or the window moves to another.
        """
        self._fullscreen = True
        self.setGeometry(self.screen().geometry())
        self.showFullScreen()
        handle = self.windowHandle()
        if handle is not None:
            handle.screenChanged.connect(self._on_window_screen_changed)
        self._watch_screen(self.screen())

    def _watch_screen(self, screen: QScreen | None) -> None:
        if self._watched_screen is not None:
            self._watched_screen.geometryChanged.disconnect(self._on_screen_geometry_changed)
        self._watched_screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self._on_screen_geometry_changed)

    def _on_window_screen_changed(self, screen: QScreen | None) -> None:
        self._watch_screen(screen)
        if screen is not None:
            self._on_screen_geometry_changed(screen.geometry())

    def _on_screen_geometry_changed(self, geometry: QRect) -> None:
        if self._fullscreen and self.geometry() != geometry:
            self.setGeometry(geometry)

    def stop_workers(self) -> None:
        """Stop the camera and whoever processes its frames (see :meth:`CameraPipeline.stop`), and background sync."""
        self.pipeline.stop()
        self.health.stop()
        self.maintenance.stop()
        for page in (page for page in self.admin_pages.values() if isinstance(page, AdminScreen)):
            page.stop()  # System check may be running its checks
        if self.sync is not None:
            self.sync.stop()
            self.sync = None

    def start_sync(self, server_url: str, *, interval_s: float | None = None) -> SyncController:
        """Sync with the company server at ``server_url`` in the background (see :mod:`kiosk.ui.sync_worker`).

        The kiosk keeps working from its own file whatever the server does; the
        screen's sync line shows the last sync and what waits, and the engine
        reloads its gallery after a round that brought staff changes.
        """
        if self.sync is not None:
            self.sync.stop()
        self.follow_company_settings()
        self.sync = SyncController(
            self.db_path, server_url, self.kiosk.sync_status,
            warn_after_s=lambda: self.settings.sync_warning_after_min * 60.0,
            on_pulled=self._on_sync_pulled, interval_s=interval_s, parent=self,
        )  # fmt: skip
        return self.sync

    def follow_company_settings(self) -> None:
        """From now on run with HR's company-wide settings held in the database (:class:`~kiosk.wiring.SettingsState`).

        For a kiosk that syncs with a server (its database keeps the last
        values pulled, so this works before the server answers) or that works
        directly on the server. The kiosk's file still decides per-machine
        settings; the Settings page shows company-wide ones read-only.
        """
        if (effective := self.settings_state.follow_company(self.repo)) is not None:
            self._use_settings(effective)

    def apply_company_settings(self) -> None:
        """Run with the company-wide values now in the database, if they changed (no restart).

        The sync round that brought them has audited them; a database that
        cannot be read right now leaves the settings as they are until the next round.
        """
        if (effective := self.settings_state.refresh(self.repo)) is not None:
            self._use_settings(effective)

    @property
    def settings_mode(self) -> SettingsMode:
        """:attr:`SettingsMode.MANAGED` once company-wide settings come from a server."""
        return self.settings_state.mode

    @property
    def machine_settings(self) -> Settings:
        """The kiosk's own settings, as its file has them (company-wide fields included, unused while managed)."""
        return self.settings_state.machine

    def _on_sync_pulled(self) -> None:
        self.apply_company_settings()
        self.reload_engine()

    @property
    def camera_source(self) -> int | str | Path:
        """The camera index or video path the kiosk reads; setting it is :meth:`start_camera`."""
        return self.pipeline.source

    def admin_context(self) -> AdminContext:
        """What admin pages may use of this window (see :class:`AdminContext`)."""
        return AdminContext(
            repo=self.repo,
            db_path=self.db_path,
            clock=self.clock,
            current_settings=lambda: self.settings,
            apply_settings=self.apply_settings,
            reload_engine=self.reload_engine,
            use_camera=self.start_camera,
            show_admin_home=self.show_admin_home,
            gate=self.gate,
            settings_mode=lambda: self.settings_mode,
            machine_settings=lambda: self.machine_settings,
            camera_check=self.pipeline.check,
        )

    @property
    def capture(self) -> WorkerThread[CaptureWorker] | None:
        """The camera's capture thread (None before the kiosk starts and after it stops)."""
        return self.pipeline.capture

    @property
    def vision(self) -> WorkerThread[VisionWorker] | None:
        """The vision thread of whoever holds the camera's frames (None while stopped)."""
        return self.pipeline.vision

    def reload_engine(self) -> None:
        """Rebuild the kiosk's engine (templates, settings) before its next frame."""
        self.pipeline.request_reload(self.kiosk)

    def apply_settings(self, settings: Settings) -> None:
        """Use ``settings`` from now on (the caller saves them to disk).

        A kiosk that follows the company's settings takes only the per-machine
        fields of ``settings``: the company-wide ones stay the server's.
        """
        effective = self.settings_state.apply_edit(settings)
        assert effective is not None  # an edit is always applied
        self._use_settings(effective)

    def _use_settings(self, settings: Settings) -> None:
        self.settings = settings.validated()
        self.sounds.enabled = settings.sounds
        self.pin_checkin = create_pin_checkin(self.repo, self.settings, self.clock)
        self.kiosk.set_pin_fallback(self.settings.pin_fallback)
        if settings.language != self.language:
            self.set_language(settings.language)
        self.reload_engine()

    def set_language(self, language: str) -> None:
        app = QApplication.instance()
        if app is not None and install_translator(app, language):
            self.language = language

    def shutdown(self) -> None:
        """Stop the workers and allow the window to close (no PIN asked)."""
        self._allow_close = True
        self.admin_idle_timer.stop()
        self._fullscreen = False
        self._watch_screen(None)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.stop_workers()
        detach(self.recent_errors)

    # ---- navigation -------------------------------------------------------
    def add_admin_page(self, name: AdminPage, widget: QWidget) -> None:
        """Register an admin page; the admin home lists it by ``widget.windowTitle()``."""
        if name in self.admin_pages:
            raise ValueError(f"admin page {name!r} already registered")
        self.admin_pages[name] = widget
        self.stack.addWidget(widget)
        self._on_stack_current_changed(self.stack.currentIndex())
        self.admin_home.add_page(name, widget)

    def show_admin_page(self, name: AdminPage) -> None:
        if not self.gate.is_open or not self.in_admin_mode:
            raise PermissionError("admin pages open only after the admin PIN")
        self.stack.setCurrentWidget(self.admin_pages[name])
        self.admin_idle_timer.start()

    def show_admin_home(self) -> None:
        if not self.gate.is_open:
            raise PermissionError("administration opens only after the admin PIN")
        self.stack.setCurrentWidget(self.admin_home)
        self.admin_idle_timer.start()
        self.health.check_now()

    def show_recent_problems(self) -> RecentErrorsDialog:
        """The recent problems' details; admins only (the kiosk screen says just one sentence)."""
        if not self.gate.is_open or not self.in_admin_mode:
            raise PermissionError("the problem details open only after the admin PIN")
        dialog = RecentErrorsDialog(self.recent_errors, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "problems_dialog", None))
        self.problems_dialog = dialog
        dialog.open()
        return dialog

    def show_kiosk(self) -> None:
        self.admin_idle_timer.stop()
        self.gate.close()
        self.stack.setCurrentWidget(self.kiosk)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any key press, click or touch tells the gate an admin is busy (never consumes the event)."""
        if self.gate.is_open and event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.TouchBegin,
            QEvent.Type.Wheel,
        ):
            self.gate.touch()
        return False

    def _on_admin_idle_timer_timeout(self) -> None:
        try:
            closed = self.in_admin_mode and self.gate.close_if_idle()
        except DatabaseBusy as exc:  # the audit entry could not be written: the next tick retries
            log.info("admin idle lock waits for the database: %s", exc)
            return
        if closed:
            self.show_kiosk()

    def busy_message(self) -> str:
        """What a screen says while the database is busy and it keeps retrying."""
        return self.tr("The attendance log is busy; trying again…")

    @property
    def in_admin_mode(self) -> bool:
        return self.stack.currentWidget() in (self.admin_home, *self.admin_pages.values())

    def quit_kiosk(self) -> None:
        """Close the app; only reachable from admin mode."""
        if self.in_admin_mode:
            self._allow_close = True
            self.close()

    # ---- admin PIN --------------------------------------------------------
    def _on_pin_chosen(self, pin: str) -> None:
        try:
            self.gate.set_pin(pin)
        except KioskError as exc:
            log.error("admin PIN not saved: %s", exc)
            self.setup_page.error.setText(self.tr("The PIN could not be saved. Try again."))
            return
        self.start()

    def ask_admin_pin(self, message: str, on_success: Callable[[], None]) -> PinDialog:
        """Open the PIN dialog; call ``on_success`` once the right PIN is entered."""
        if self.pin_dialog is not None:
            self.pin_dialog.reject()
        dialog = PinDialog(message, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        retry = _BusyRetry(dialog)

        def _on_pin_entered(pin: str) -> None:
            retry.cancel()
            try:
                dialog.answer(self.gate, pin, on_success)
            except DatabaseBusy as exc:
                retry.later(exc, lambda: _on_pin_entered(pin))
                dialog.error.setText(self.busy_message())

        dialog.pin_entered.connect(_on_pin_entered)
        dialog.finished.connect(lambda _result: setattr(self, "pin_dialog", None))
        self.pin_dialog = dialog
        dialog.open()
        return dialog

    def _on_admin_requested(self) -> None:
        self.ask_admin_pin(self.tr("Enter the admin PIN to open administration."), self.show_admin_home)

    # ---- employee PIN fallback -------------------------------------------
    def _on_pin_fallback_requested(self) -> None:
        try:
            roster = self.pin_checkin.roster()
        except KioskError as exc:  # busy or broken: the code can still be typed
            log.warning("pick-your-name list unavailable: %s", exc)
            roster = []
        dialog = EmployeePinDialog(self, roster)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        retry = _BusyRetry(dialog)
        dialog.credentials_entered.connect(lambda code, pin: self._on_credentials_entered(dialog, retry, code, pin))
        dialog.finished.connect(lambda _result: setattr(self, "employee_pin_dialog", None))
        self.employee_pin_dialog = dialog
        dialog.open()

    def _on_credentials_entered(self, dialog: EmployeePinDialog, retry: _BusyRetry, code: str, pin: str) -> None:
        retry.cancel()
        try:
            result = self.pin_checkin.check_in(code, pin)
        except (DatabaseBusy, DiskFull) as exc:
            # Nothing is committed yet: keep the dialog, say so, and try the same code and PIN again
            # (a full disk: "saving", as the kiosk screen says for a face check-in that waits for space).
            retry.later(exc, lambda: self._on_credentials_entered(dialog, retry, code, pin))
            dialog.error.setText(self.busy_message() if isinstance(exc, DatabaseBusy) else saving_message())
            return
        except KioskError as exc:
            log.error("PIN check-in failed: %s", exc)
            dialog.reject()
            self.kiosk.show_failure(lambda: self.tr("The check-in could not be saved. Please tell an administrator."))
            return
        if result.outcome is None:
            if result.answer is PinAnswer.LOCKED:
                dialog.refuse_locked(result.locked_for_s)
            else:
                dialog.refuse()
            self.sounds.play(Sound.FAILURE)
            return
        dialog.accept()
        self.kiosk.show_outcome(result.outcome)

    def _on_camera_chosen(self, source: int | Path) -> None:
        self.start_camera(source)

    # ---- leaving ----------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._allow_close or self.needs_setup or self.in_admin_mode:
            self.stop_workers()
            event.accept()
            return
        event.ignore()
        self.ask_admin_pin(self.tr("Enter the admin PIN to close the kiosk."), self._on_exit_unlocked)

    def _on_exit_unlocked(self) -> None:
        self._allow_close = True
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not self.in_admin_mode:
            event.accept()  # Esc must not drop a fullscreen kiosk to the desktop
            return
        super().keyPressEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Attendance kiosk"))



class _BusyRetry:
    """Calls an action again after :data:`BUSY_RETRY_MS` while ``dialog`` stays open.

    One pending retry at a time: a new attempt (the user pressed OK again)
    cancels the old one. Logs the first busy answer as a warning, the
    following ones quietly, so a long lock does not flood the log.
    """

    def __init__(self, dialog: QWidget) -> None:
        self._dialog = dialog
        self._timer = QTimer(dialog)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BUSY_RETRY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._action: Callable[[], None] | None = None
        self._warned = False

    def later(self, busy: DatabaseBusy | DiskFull, action: Callable[[], None]) -> None:
        if self._warned:
            log.debug("database still busy: %s", busy)
        else:
            log.warning("database busy, retrying every %d ms: %s", BUSY_RETRY_MS, busy)
            self._warned = True
        self._action = action
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        self._action = None

    def _on_timer_timeout(self) -> None:
        action, self._action = self._action, None
        if action is not None and self._dialog.isVisible():
            action()
