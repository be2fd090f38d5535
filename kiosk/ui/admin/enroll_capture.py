"""The enrollment wizard's capture step: it borrows the app's one camera and guides the person through the angles."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.engine import create_analyzer
from kiosk.enrollment.capture import ANGLES, MIN_EXTRA_ANGLES, CaptureHint, CaptureResult, can_finish, missing_angles
from kiosk.enrollment.session import EnrollmentSession
from kiosk.settings.specs import Settings
from kiosk.ui.admin.enroll_steps import THUMB_PX, WizardStep, angle_list, angle_text, hint_text, show_thumb
from kiosk.ui.admin.pose_indicator import PoseIndicator
from kiosk.ui.pipeline import CameraPipeline
from kiosk.ui.style import (
    AMBER,
    EMPTY_SLOT_STYLE,
    GREEN,
)
from kiosk.ui.widgets import VideoView, px_font
from kiosk.ui.workers import ProcessorOpener
from kiosk.vision.detect import FaceAnalyzer
from kiosk.vision.types import Frame

log = logging.getLogger("kiosk.ui")

translate = QCoreApplication.translate


class CaptureStep(WizardStep):
    """Step 3: guided capture on the borrowed camera; draws what each analysed frame did.

    While this step holds the frames (:attr:`capturing`), the session's guided
    capture belongs to the vision thread; the step draws only the
    :class:`CaptureResult` snapshots, and keeps the last ones it drew in
    :attr:`done`, :attr:`hint`, :attr:`first_frame_index` and :attr:`last_frame_index`.

    Signals:
        all_angles_captured(): the frame just analysed captured the last missing angle.
    """

    key = "capture"
    all_angles_captured = Signal()

    def __init__(
        self,
        session: EnrollmentSession,
        pipeline: CameraPipeline,
        settings: Callable[[], Settings],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self.pipeline = pipeline
        self.settings = settings
        self.analyzer_factory: Callable[[], FaceAnalyzer] | None = None
        """Builds the face analyser in the vision thread; None: ``create_analyzer`` with the kiosk's settings."""
        self.done: tuple[str, ...] = ()
        self.hint: CaptureHint | None = None
        """The last hint drawn; None before the first analysed frame."""
        self.first_frame_index = -1
        self.last_frame_index = -1

        self.video = VideoView(self)
        self.pose = PoseIndicator(angle_text, self)
        self.pose.setMaximumWidth(340)
        self.hint_label = QLabel(self)
        self.hint_label.setFont(px_font(24, bold=True))
        self.hint_label.setWordWrap(True)
        self.hint_label.setMinimumHeight(70)
        self.missing_label = QLabel(self)
        self.missing_label.setWordWrap(True)
        self.restart_button = QPushButton(self)
        self.restart_button.clicked.connect(self.restart)
        thumbs_row = QHBoxLayout()
        self.thumbs: dict[str, QLabel] = {}
        for angle in ANGLES:
            label = QLabel(self)
            label.setFixedSize(THUMB_PX, THUMB_PX)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet(EMPTY_SLOT_STYLE)
            self.thumbs[angle] = label
            thumbs_row.addWidget(label)
        thumbs_row.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(self.pose, 1)
        side.addWidget(self.missing_label)
        side.addWidget(self.restart_button)
        # The pose ring beside the preview; under it on a portrait screen (see resizeEvent).
        self.top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.top.addWidget(self.video, 3)
        self.top.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint_label)
        layout.addLayout(self.top, 1)
        layout.addLayout(thumbs_row)

        pipeline.frame_ready.connect(self._on_frame_ready)
        pipeline.result_ready.connect(self._on_result_ready)
        pipeline.camera_lost.connect(self._on_camera_lost)
        pipeline.processor_failed.connect(self._on_processor_failed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        self.top.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        super().resizeEvent(event)

    @property
    def capturing(self) -> bool:
        """This step holds the camera's frames now."""
        return self.pipeline.consumer is self

    def load(self, session: EnrollmentSession) -> None:
        self.pipeline.release(self)  # nothing may feed the old session's capture any more
        self.session = session
        self._draw_session()
        self.retranslate()

    def title(self) -> str:
        return translate("EnrollWizard", "Face capture")

    def is_complete(self) -> bool:
        return can_finish(self.done)

    def next_text(self) -> str:
        return translate("EnrollWizard", "Continue with these angles")

    def enter(self) -> None:
        """Borrow the camera's frames and feed them to the session's guided capture."""
        if self.capturing:
            return
        self._draw_session()
        self.pipeline.lend(self, self._open_processor(), "enroll-vision")
        if self.pipeline.camera_problem is not None:
            self._on_camera_lost(self.pipeline.camera_problem)

    def leave(self) -> None:
        """Give the frames back to the kiosk; the captured angles stay in the session."""
        self.pipeline.give_back(self)

    @Slot()
    def restart(self) -> None:
        """Throw the captured angles away and capture again."""
        capturing = self.capturing
        self.pipeline.release(self)  # the vision thread has stopped once this returns
        self.session.restart_capture()
        self._draw_session()
        if capturing:
            self.pipeline.lend(self, self._open_processor(), "enroll-vision")
        self.complete_changed.emit()

    def _open_processor(self) -> ProcessorOpener:
        settings = self.settings()  # read here, on the GUI thread
        factory = self.analyzer_factory or partial(create_analyzer, settings)
        return partial(self.session.capturing, factory)

    def _draw_session(self) -> None:
        """Draw the session's capture state; only while no vision thread feeds it."""
        self.done = self.session.done
        self.hint = None
        self.first_frame_index = self.last_frame_index = -1
        self.video.clear()
        self.pose.set_state(None, None, self.done, self.session.capture.target)
        previews = self.session.previews
        for angle, label in self.thumbs.items():
            show_thumb(label, previews.get(angle), angle_text(angle))
        self._show_state()

    # ---- pipeline signals ---------------------------------------------------
    @Slot(object)
    def _on_frame_ready(self, frame: Frame) -> None:
        if self.capturing:
            self.video.show_frame(frame.rgb)

    @Slot(object)
    def _on_result_ready(self, result: object) -> None:
        if not self.capturing or not isinstance(result, CaptureResult):
            return
        if self.first_frame_index < 0:
            self.first_frame_index = result.frame_index
        self.last_frame_index = result.frame_index
        self.done, self.hint = result.done, result.hint
        face = result.face
        self.video.show_faces(result.faces, face.box if face is not None else None, None)
        if result.captured is not None and result.preview is not None:
            show_thumb(self.thumbs[result.captured], result.preview, "")
        self.pose.set_state(
            face.pose.yaw if face is not None else None,
            face.pose.pitch if face is not None else None,
            result.done,
            result.target,
        )
        self._show_state()
        self.complete_changed.emit()
        if result.captured is not None and result.hint is CaptureHint.DONE:
            self.all_angles_captured.emit()

    @Slot(str)
    def _on_camera_lost(self, message: str) -> None:
        if self.capturing:
            self.hint_label.setText(translate("EnrollWizard", "Camera problem: {message}").format(message=message))

    @Slot(str)
    def _on_processor_failed(self, message: str) -> None:
        if self.capturing:
            self.hint_label.setText(
                translate("EnrollWizard", "Face analysis could not start: {message}").format(message=message)
            )

    # ---- text ---------------------------------------------------------------
    def _show_state(self) -> None:
        self.hint_label.setText(hint_text(self.hint))
        colour = GREEN if self.hint in (CaptureHint.HOLD, CaptureHint.DONE) else AMBER
        self.hint_label.setStyleSheet(
            f"QLabel {{ background: {colour}; color: white; padding: 10px; border-radius: 8px; }}"
        )
        missing = missing_angles(self.done)
        names = angle_list(missing)
        if not missing:
            self.missing_label.setText(translate("EnrollWizard", "All five angles captured."))
        elif can_finish(self.done):
            self.missing_label.setText(
                translate("EnrollWizard", "Enough angles to continue. Still missing: {angles}.").format(angles=names)
            )
        elif "front" not in self.done:
            self.missing_label.setText(
                translate("EnrollWizard", "Front is needed first. Still missing: {angles}.").format(angles=names)
            )
        else:
            count = 1 + MIN_EXTRA_ANGLES - len(self.done)
            if count == 1:  # English needs its singular; Chinese has one form for both
                text = translate("EnrollWizard", "1 more angle needed to continue. Still missing: {angles}.")
            else:
                text = translate("EnrollWizard", "{count} more angles needed to continue. Still missing: {angles}.")
            self.missing_label.setText(text.format(count=count, angles=names))

    def retranslate(self) -> None:
        self.restart_button.setText(translate("EnrollWizard", "Start capture again"))
        for angle, label in self.thumbs.items():
            if label.pixmap().isNull():
                label.setText(angle_text(angle))
        self.pose.update()
        self._show_state()


