"""The employee-facing screen: preview, clock, and one large prompt.

It shows what the engine decided (``FrameResult`` objects from the vision
worker) and never decides anything itself, except *how long* a message stays:
a check-in or failure message is held for :data:`kiosk.ui.prompts.RESULT_HOLD_S`
so it can be read, while waiting prompts ("Please blink") follow the engine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.attendance.scan import Outcome
from kiosk.engine import EventKind, FrameResult
from kiosk.ui import prompts
from kiosk.ui.challenge_panel import ChallengePanel
from kiosk.ui.health_line import HealthLine
from kiosk.ui.pipeline import CameraPipeline
from kiosk.ui.prompts import Prompt, PromptKind, Tone
from kiosk.ui.sounds import SoundPlayer
from kiosk.ui.style import follow_language, mark_touch_target
from kiosk.ui.sync_status import SyncStatusLabel
from kiosk.ui.widgets import ClockWidget, PromptBanner, VideoView, px_font
from kiosk.vision.types import Frame

log = logging.getLogger("kiosk.ui")

BUTTON_PX = 24


class NoCameraPanel(QWidget):
    """Shown instead of the preview while no camera delivers frames.

    Anyone can stand at the kiosk, so this panel offers only another camera
    number: choosing a video file needs a file dialog, which can rename and
    delete files, and is therefore in Settings, behind the admin PIN.

    Signals:
        source_chosen(object): a camera index (int) or, from tests, a video file (Path) to try.
    """

    source_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Paint the whole panel dark (a plain QWidget ignores its own
        # background rule without WA_StyledBackground), with white text.
        self.setObjectName("noCameraPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#noCameraPanel { background: #111111; } #noCameraPanel QLabel { color: white; }")
        self.title = QLabel(self)
        self.title.setFont(px_font(48, bold=True))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QLabel(self)
        self.detail.setFont(px_font(22))
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.retrying = QLabel(self)
        self.retrying.setFont(px_font(22))
        self.retrying.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.index_box = QSpinBox(self)
        self.index_box.setRange(0, 9)
        self.index_box.setFont(px_font(BUTTON_PX))
        self.index_box.setStyleSheet("background: white; color: black;")
        self.use_index_button = QPushButton(self)
        self.use_index_button.setFont(px_font(BUTTON_PX))
        self.use_index_button.setStyleSheet("background: #eeeeee; color: black; padding: 8px 16px;")
        self.use_index_button.clicked.connect(self._on_use_index_clicked)
        for control in (self.index_box, self.use_index_button):
            mark_touch_target(control)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.index_box)
        row.addWidget(self.use_index_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.retrying)
        layout.addSpacing(24)
        layout.addLayout(row)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("No camera found"))
        self.detail.setText(
            self.tr("Check that the camera is plugged in, or choose another camera number below.")
        )
        self.retrying.setText(self.tr("Trying again every few seconds…"))
        self.use_index_button.setText(self.tr("Use camera number"))

    def show_reason(self, message: str) -> None:
        """The technical reason (English, with device names or paths) is not shown on the kiosk:
        the capture worker logged it, and admins read it under Administration → Recent problems.
        The panel itself shows translated guidance."""
        log.debug("no camera panel up: %s", message)

    def _on_use_index_clicked(self) -> None:
        self.source_chosen.emit(self.index_box.value())


class KioskScreen(QWidget):
    """Live preview with face boxes, a large clock and date, and the prompt.

    Signals:
        admin_requested(): the Admin button was pressed (the window asks for the PIN).
        pin_fallback_requested(): the person chose to check in with code and PIN.
        camera_chosen(object): a camera index or video path picked on the no-camera panel.
    """

    admin_requested = Signal()
    pin_fallback_requested = Signal()
    camera_chosen = Signal(object)

    def __init__(
        self,
        clock: Callable[[], datetime],
        *,
        pipeline: CameraPipeline | None = None,
        sounds: SoundPlayer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pipeline = pipeline
        self.sounds = sounds or SoundPlayer(enabled=False, parent=self)
        self.camera_ok = False
        self._last_status: EventKind | None = None
        self.pin_fallback_enabled = False
        """``Settings.pin_fallback``, set by the window: whether code + PIN may be offered at all."""
        self._pin_offered = False
        self._camera_down = False
        """The camera was reported lost (not merely "not opened yet")."""

        self.clock = ClockWidget(clock, self)
        self.admin_button = QPushButton(self)
        self.admin_button.setFont(px_font(BUTTON_PX))
        self.admin_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.admin_button.setStyleSheet("QPushButton { padding: 10px 24px; }")
        self.admin_button.clicked.connect(self.admin_requested)
        # Hidden unless a company server is configured (MainWindow.start_sync).
        self.sync_status = SyncStatusLabel(clock, self)
        top = QHBoxLayout()
        top.addWidget(self.clock)
        # The sync line takes the room between clock and button (right-aligned, wrapping only
        # when a long warning meets a narrow portrait panel); hidden, it keeps that room.
        top.addSpacing(16)
        top.addWidget(self.sync_status, 1, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(16)
        top.addWidget(self.admin_button, 0, Qt.AlignmentFlag.AlignTop)

        self.video = VideoView(self)
        self.no_camera = NoCameraPanel(self)
        self.no_camera.source_chosen.connect(self.camera_chosen)
        self.center = QStackedWidget(self)
        self.center.addWidget(self.video)
        self.center.addWidget(self.no_camera)

        self.banner = PromptBanner(self)
        self.pin_button = QPushButton(self)
        self.pin_button.setFont(px_font(28, bold=True))
        self.pin_button.setMinimumHeight(64)
        self.pin_button.clicked.connect(self.pin_fallback_requested)
        self.pin_button.hide()

        for control in (self.admin_button, self.pin_button):
            mark_touch_target(control)
        # Landscape: the preview beside the banner and buttons; portrait: above
        # them (see resizeEvent). The clock row spans the top either way.
        self.side = QVBoxLayout()
        self.side.addWidget(self.banner, 1)
        self.side.addWidget(self.pin_button)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(self.center, 3)
        self.body.addLayout(self.side, 2)
        self.challenge_panel = ChallengePanel(self)
        self.challenge_panel.hide()
        self.side.insertWidget(1, self.challenge_panel, 2)
        # Admins' red line (a full disk, a wrong clock): hidden, it takes no room.
        self.health_line = HealthLine(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        layout.addWidget(self.health_line)
        layout.addLayout(self.body, 1)

        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.timeout.connect(self._on_hold_timeout)
        self._prompt_source: Callable[[], Prompt | None] = prompts.waiting_prompt
        self._render_prompt()
        self.retranslate()
        follow_language(self, self.retranslate)
        if pipeline is not None:
            pipeline.frame_ready.connect(self._on_frame_ready)
            pipeline.result_ready.connect(self._on_result_ready)
            pipeline.processor_failed.connect(self._on_processor_failed)
            pipeline.camera_opened.connect(self._on_camera_opened)
            pipeline.camera_lost.connect(self._on_camera_lost)

    # ---- orientation -------------------------------------------------------
    @property
    def portrait(self) -> bool:
        """The screen is taller than wide: the preview stacks above the banner."""
        return self.body.direction() is QBoxLayout.Direction.TopToBottom

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        if portrait != self.portrait:
            # The banner keeps two fifths of the room either way: a 4:3 preview
            # fills the rest's width in portrait and its height in landscape.
            self.body.setDirection(
                QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
            )
        super().resizeEvent(event)

    # ---- language -------------------------------------------------------
    def retranslate(self) -> None:
        self.admin_button.setText(self.tr("Admin"))
        self.pin_button.setText(self.tr("Check in with code and PIN instead"))
        self.no_camera.retranslate()
        self._render_prompt()


    # ---- prompts ----------------------------------------------------------
    @property
    def prompt(self) -> Prompt | None:
        return self.banner.prompt

    def _show(self, source: Callable[[], Prompt | None], *, play: bool = True) -> None:
        prompt = source()
        if prompt is None:
            return
        self._prompt_source = source
        self._render_prompt()
        if play:
            self.sounds.play(prompt.sound)
        if prompt.hold_s > 0:
            self._hold.start(int(prompt.hold_s * 1000))
        else:
            self._hold.stop()

    def _render_prompt(self) -> None:
        prompt = self._prompt_source()
        if prompt is not None:
            self.banner.show_prompt(prompt)
            self.video.tone = prompt.tone
            self.video.update()

    def _on_hold_timeout(self) -> None:
        # The engine's next status decides what follows (a person still standing
        # there after checking in keeps their message; an empty frame brings
        # back "Look at the camera").
        if not self.camera_ok:
            self._show(prompts.no_camera_prompt, play=False)
        elif self._last_status is not None:
            self._show(partial(prompts.status_prompt, self._last_status), play=False)

    def show_result(self, result: FrameResult) -> None:
        """Draw one engine result: boxes, name, and the prompt it calls for.

        One-off events (checked in, not recognised) put up a held message with a
        sound; otherwise the result's ``status`` drives the waiting prompt. The
        engine says when the code + PIN fallback is due (``offer_pin``); a
        success hides it again.
        """
        self.video.show_faces(result.faces, result.subject, result.subject_name)
        self._last_status = result.status
        shown = False
        for event in result.events:
            prompt = prompts.event_prompt(event)
            if prompt is None:
                continue
            if event.offer_pin:
                self._pin_offered = True
            elif prompt.tone is Tone.SUCCESS:
                self._pin_offered = False
            self._update_pin_button()
            self._show(partial(prompts.event_prompt, event))
            shown = True
        challenge = result.challenge if result.status is EventKind.CHALLENGE else None
        self.challenge_panel.setVisible(challenge is not None and not shown and not self._hold.isActive())
        if shown or self._hold.isActive():
            return
        if challenge is not None and challenge.current is not None:
            self.challenge_panel.show_state(challenge)
            self._show(partial(prompts.challenge_prompt, challenge.current), play=False)
        elif prompts.status_prompt(result.status) is not None:
            self._show(partial(prompts.status_prompt, result.status), play=False)

    def show_outcome(self, outcome: Outcome) -> None:
        """Show an attendance outcome reached outside the engine (the PIN fallback)."""
        self._pin_offered = False
        self._update_pin_button()
        self._show(lambda: prompts.outcome_prompt(outcome))

    def set_pin_fallback(self, enabled: bool) -> None:
        """Whether the code + PIN fallback may be offered (``Settings.pin_fallback``)."""
        self.pin_fallback_enabled = enabled
        self._update_pin_button()

    def _update_pin_button(self) -> None:
        # Offered when the engine says the face keeps failing, and at once while
        # there is no camera: without frames there are no failed attempts to count,
        # and PIN is the only way left to check in.
        # (The engine's offer already heeds the setting.)
        self.pin_button.setVisible(self._pin_offered or (self._camera_down and self.pin_fallback_enabled))

    def show_failure(self, text_source: Callable[[], str]) -> None:
        """A red, held message (``text_source`` is re-called on language change)."""
        self._show(lambda: prompts.failure_prompt(text_source()))

    # ---- camera pipeline signals -----------------------------------------
    @property
    def holds_camera(self) -> bool:
        """The camera's frames come here now (not to the enrollment wizard)."""
        return self.pipeline is not None and self.pipeline.consumer is self

    @Slot(object)
    def _on_frame_ready(self, frame: Frame) -> None:
        if self.holds_camera:
            self.video.show_frame(frame.rgb)

    @Slot(object)
    def _on_result_ready(self, result: object) -> None:
        if self.holds_camera and isinstance(result, FrameResult):
            self.show_result(result)

    @Slot(str)
    def _on_camera_opened(self, description: str) -> None:
        log.info("kiosk showing %s", description)
        self.camera_ok = True
        self._camera_down = False
        self._update_pin_button()
        self.center.setCurrentWidget(self.video)
        if not self._hold.isActive():
            self._show(prompts.waiting_prompt, play=False)

    @Slot(str)
    def _on_camera_lost(self, message: str) -> None:
        self.camera_ok = False
        self.video.clear()
        self.no_camera.show_reason(message)
        self.center.setCurrentWidget(self.no_camera)
        self._last_status = None
        self._camera_down = True
        self._update_pin_button()
        if self._hold.isActive():
            # A message someone is reading (a PIN check-in, every few seconds
            # the camera retries) stays up; when its hold ends, "No camera found" follows.
            return
        self._show(prompts.no_camera_prompt, play=False)

    @Slot(str)
    def _on_processor_failed(self, message: str) -> None:
        # ``message`` is technical (SQLite's words, file paths): the worker logged it, and admins
        # read it under Administration → Recent problems. The person at the kiosk gets one plain sentence.
        if not self.holds_camera:
            return
        self._show(
            lambda: prompts.failure_prompt(
                self.tr("Face recognition is not working right now. Please tell an administrator."),
                PromptKind.ENGINE_FAILED,
                prompts.Sound.NONE,
            ),
            play=False,
        )
