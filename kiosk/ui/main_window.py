"""The one window: a stack of the first-run page, the kiosk, and admin pages.

The kiosk cannot be left without the admin PIN: closing the window (Alt+F4,
the title bar) asks for it, and Esc does nothing on the kiosk screen. Admin
pages are reached only through the PIN and are locked again on return.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from kiosk.errors import KioskError
from kiosk.settings import Settings
from kiosk.ui.admin_home import AdminHome
from kiosk.ui.dialogs import EmployeePinDialog, PinDialog, PinSetupPage
from kiosk.ui.i18n import install_translator
from kiosk.ui.kiosk_screen import KioskScreen
from kiosk.ui.prompts import Sound
from kiosk.ui.sounds import SoundPlayer
from kiosk.ui.workers import (
    CaptureWorker,
    EngineOpener,
    FrameSlot,
    VisionWorker,
    WorkerThread,
)

log = logging.getLogger("kiosk.ui")

ADMIN_PIN_KEY = "admin_pin_hash"
"""Repository setting holding the scrypt hash of the admin PIN."""

PIN_ATTEMPTS_BEFORE_LOCK = 5
"""Wrong admin PINs in a row before the PIN is refused for a while: enough for
honest typos, few enough that guessing a 4-digit PIN at the door takes days."""
PIN_LOCK_S = 60.0
"""Seconds during which every admin PIN is refused after too many wrong ones."""
ADMIN_IDLE_S = 300
"""Admin mode returns to the kiosk (locked) after this many seconds without a
key press or click: an admin called away does not leave the staff list open at
the door, and five minutes is longer than any step of an enrollment."""


class MainWindow(QMainWindow):
    """Everything on screen, plus the workers feeding the kiosk.

    Public attributes for admin pages: :attr:`repo` (GUI-thread
    ``Repository``), :attr:`settings`, :attr:`db_path`, :attr:`clock`.
    Engine work happens in the vision thread; after changing templates or
    settings call :meth:`reload_engine` / :meth:`apply_settings`.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        repo: Any,
        db_path: Path,
        clock: Callable[[], datetime],
        camera_source: int | str | Path,
        open_engine: EngineOpener,
        language: str = "en",
        paced: bool = True,
        lockstep: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.repo = repo
        self.db_path = db_path
        self.clock = clock
        self.language = language
        self.camera_source = camera_source
        self._open_engine = open_engine
        self._paced = paced
        self._allow_close = False
        self.slot = FrameSlot(lockstep=lockstep)
        self.capture: WorkerThread | None = None
        self.vision: WorkerThread | None = None
        self.pin_dialog: PinDialog | None = None
        self.employee_pin_dialog: EmployeePinDialog | None = None
        self.admin_pages: dict[str, QWidget] = {}
        self._pin_failures = 0
        self._pin_locked_until = 0.0
        self.admin_idle_timer = QTimer(self)
        self.admin_idle_timer.setSingleShot(True)
        self.admin_idle_timer.setInterval(ADMIN_IDLE_S * 1000)
        self.admin_idle_timer.timeout.connect(self._on_admin_idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

        self.sounds = SoundPlayer(enabled=settings.sounds, parent=self)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.setup_page = PinSetupPage(self)
        self.setup_page.pin_chosen.connect(self._on_pin_chosen)
        self.kiosk = KioskScreen(
            clock,
            failed_attempts_before_pin=settings.failed_attempts_before_pin,
            pin_fallback=settings.pin_fallback,
            sounds=self.sounds,
            last_event_kind=self._last_event_kind,
            parent=self,
        )
        self.kiosk.admin_requested.connect(self._on_admin_requested)
        self.kiosk.pin_fallback_requested.connect(self._on_pin_fallback_requested)
        self.kiosk.camera_chosen.connect(self._on_camera_chosen)
        self.admin_home = AdminHome(self)
        self.admin_home.page_requested.connect(self.show_admin_page)
        self.admin_home.kiosk_requested.connect(self.show_kiosk)
        self.admin_home.quit_requested.connect(self.quit_kiosk)
        for page in (self.setup_page, self.kiosk, self.admin_home):
            self.stack.addWidget(page)
        self.resize(1280, 800)
        self.retranslate()

    # ---- start / stop -----------------------------------------------------
    @property
    def needs_setup(self) -> bool:
        return not self.repo.get_setting(ADMIN_PIN_KEY)

    def start(self) -> None:
        """First-run page if no admin PIN exists yet, else the kiosk with its workers."""
        if self.needs_setup:
            self.stack.setCurrentWidget(self.setup_page)
            self.setup_page.first.setFocus()
        else:
            self.show_kiosk()
            self.start_workers()

    def start_workers(self) -> None:
        if self.vision is None:
            worker = VisionWorker(self._open_engine, self.slot)
            worker.result_ready.connect(self.kiosk._on_result_ready)
            worker.engine_failed.connect(self.kiosk._on_engine_failed)
            self.vision = WorkerThread.start(worker, "kiosk-vision")
        if self.capture is None:
            self.start_camera(self.camera_source)

    def start_camera(self, source: int | str | Path) -> None:
        """(Re)start capture from ``source``: a camera index or a video path."""
        if self.capture is not None:
            self.capture.stop()
            self.capture = None
        self.camera_source = source
        worker = CaptureWorker(source, self.slot, paced=self._paced)
        worker.frame_ready.connect(self.kiosk._on_frame_ready)
        worker.camera_opened.connect(self.kiosk._on_camera_opened)
        worker.camera_lost.connect(self.kiosk._on_camera_lost)
        self.capture = WorkerThread.start(worker, "kiosk-capture")

    def stop_workers(self) -> None:
        """Stop capture, then vision (so no frame is left half-processed)."""
        for attribute in ("capture", "vision"):
            running: WorkerThread | None = getattr(self, attribute)
            if running is not None:
                running.stop()
                setattr(self, attribute, None)

    def reload_engine(self) -> None:
        """Rebuild the engine (templates, settings) before the next frame."""
        if self.vision is not None:
            worker = self.vision.worker
            assert isinstance(worker, VisionWorker)
            worker.request_reload()

    def apply_settings(self, settings: Settings) -> None:
        """Use ``settings`` from now on (the caller saves them to disk)."""
        self.settings = settings.validated()
        self.sounds.enabled = settings.sounds
        self.kiosk.pin_fallback = settings.pin_fallback
        self.kiosk.failed_attempts_before_pin = settings.failed_attempts_before_pin
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
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.stop_workers()

    # ---- navigation -------------------------------------------------------
    def add_admin_page(self, name: str, widget: QWidget) -> None:
        """Register an admin page; the admin home lists it by ``widget.windowTitle()``."""
        if name in self.admin_pages:
            raise ValueError(f"admin page {name!r} already registered")
        self.admin_pages[name] = widget
        self.stack.addWidget(widget)
        self.admin_home.add_page(name, widget)

    def show_admin_page(self, name: str) -> None:
        if self.stack.currentWidget() not in (self.admin_home, *self.admin_pages.values()):
            raise PermissionError("admin pages open only after the admin PIN")
        self.stack.setCurrentWidget(self.admin_pages[name])
        self.admin_idle_timer.start()

    def show_admin_home(self) -> None:
        self.stack.setCurrentWidget(self.admin_home)
        self.admin_idle_timer.start()

    def show_kiosk(self) -> None:
        self.admin_idle_timer.stop()
        self.stack.setCurrentWidget(self.kiosk)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any key press or click restarts the admin idle timer (never consumes the event)."""
        if self.admin_idle_timer.isActive() and event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.Wheel,
        ):
            self.admin_idle_timer.start()
        return False

    def _on_admin_idle(self) -> None:
        if self.in_admin_mode:
            log.info("admin mode idle for %d s; back to the kiosk", self.admin_idle_timer.interval() // 1000)
            self.repo.record_audit("kiosk", "admin_timeout", "admin mode left idle")
            self.show_kiosk()

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
        from kiosk.security import hash_secret

        self.repo.set_setting(ADMIN_PIN_KEY, hash_secret(pin))
        self.repo.record_audit("kiosk", "admin_pin_set", "first run")
        log.info("admin PIN set")
        self.start()

    def check_admin_pin(self, pin: str) -> bool:
        from kiosk.security import verify_secret

        stored = self.repo.get_setting(ADMIN_PIN_KEY)
        ok = bool(stored) and verify_secret(pin, stored)
        self.repo.record_audit("kiosk", "admin_pin_ok" if ok else "admin_pin_refused", "")
        return ok

    def ask_admin_pin(self, message: str, on_success: Callable[[], None]) -> PinDialog:
        """Open the PIN dialog; call ``on_success`` once the right PIN is entered."""
        if self.pin_dialog is not None:
            self.pin_dialog.reject()
        dialog = PinDialog(message, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def _on_pin_entered(pin: str) -> None:
            locked_for = self._pin_locked_until - time.monotonic()
            if locked_for > 0:
                self.repo.record_audit("kiosk", "admin_pin_refused", "locked after repeated wrong PINs")
                dialog.refuse_locked(math.ceil(locked_for))
            elif self.check_admin_pin(pin):
                self._pin_failures = 0
                dialog.accept()
                on_success()
            else:
                self._pin_failures += 1
                if self._pin_failures >= PIN_ATTEMPTS_BEFORE_LOCK:
                    self._pin_failures = 0
                    self._pin_locked_until = time.monotonic() + PIN_LOCK_S
                    dialog.refuse_locked(math.ceil(PIN_LOCK_S))
                else:
                    dialog.refuse()

        dialog.pin_entered.connect(_on_pin_entered)
        dialog.finished.connect(lambda _result: setattr(self, "pin_dialog", None))
        self.pin_dialog = dialog
        dialog.open()
        return dialog

    def _on_admin_requested(self) -> None:
        self.ask_admin_pin(self.tr("Enter the admin PIN to open administration."), self.show_admin_home)

    def _last_event_kind(self, employee_id: int) -> str | None:
        last = self.repo.last_event(employee_id)
        return last.kind if last is not None else None

    # ---- employee PIN fallback -------------------------------------------
    def _on_pin_fallback_requested(self) -> None:
        dialog = EmployeePinDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.credentials_entered.connect(lambda code, pin: self._on_credentials_entered(dialog, code, pin))
        dialog.finished.connect(lambda _result: setattr(self, "employee_pin_dialog", None))
        self.employee_pin_dialog = dialog
        dialog.open()

    def _on_credentials_entered(self, dialog: EmployeePinDialog, code: str, pin: str) -> None:
        from kiosk.attendance import AttendanceRules

        try:
            employee = self.repo.verify_employee_pin(code, pin)
            if employee is None:
                dialog.refuse()
                self.sounds.play(Sound.FAILURE)
                return
            rules = AttendanceRules(
                self.repo, self.clock, cooldown_s=self.settings.cooldown_s, device_id=self.settings.device_id
            )
            outcome = rules.register(employee, distance=None, live=False, source="pin")
        except KioskError as exc:
            log.error("PIN check-in failed: %s", exc)
            dialog.reject()
            message = str(exc)  # `exc` is unbound once the except block ends
            self.kiosk.show_failure(lambda: message)
            return
        dialog.accept()
        self.kiosk.show_outcome(outcome)

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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
