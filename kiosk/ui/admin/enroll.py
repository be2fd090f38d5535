"""The enrollment wizard: details, consent, guided five-angle capture, duplicate
check, review and save.

The wizard draws a :class:`kiosk.enrollment.EnrollmentSession`, which holds the
enrollment and makes every decision (are the details complete, may capture
finish, does the face belong to someone else); each step is a small widget
class over it. To capture, the capture step borrows the app's one camera from
the :class:`~kiosk.ui.pipeline.CameraPipeline`: the session's guided capture
runs as the vision worker's processor on the newest frame, and the frames go
back to the kiosk when the step is left. The camera stays open throughout.
Face photos are never stored: the review thumbnails are face crops held in
memory until the wizard starts over.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import ClassVar

import numpy as np
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QHideEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.camera import Frame
from kiosk.engine import create_analyzer
from kiosk.enrollment import (
    ANGLES,
    MIN_EXTRA_ANGLES,
    CaptureHint,
    CaptureResult,
    EnrollmentSession,
    can_finish,
    missing_angles,
)
from kiosk.errors import KioskError
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Employee
from kiosk.ui.admin.common import AdminPage, format_local
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.admin.pose_indicator import PoseIndicator
from kiosk.ui.pipeline import CameraPipeline
from kiosk.ui.style import (
    AMBER,
    EMPTY_SLOT_STYLE,
    GREEN,
    MUTED,
    SURFACE,
    mark_touch_target,
    set_status_colour,
    set_text_colour,
)
from kiosk.ui.widgets import VideoView, px_font, rgb_to_qimage
from kiosk.ui.workers import ProcessorOpener
from kiosk.vision.detect import FaceAnalyzer

log = logging.getLogger("kiosk.ui")

THUMB_PX = 96
"""Side of a captured-angle thumbnail, in pixels: big enough to see it is the
right person, small enough for five in a row beside the preview."""

# Every step's strings live in the catalogue's one "EnrollWizard" context. The
# context is written out in each call because pyside6-lupdate reads only
# literal ones (``self.tr`` would file each step's strings under its class).
translate = QCoreApplication.translate


def angle_text(angle: str) -> str:
    """An angle code (front, left, right, up, down) in the screen language."""
    texts = {
        "front": QCoreApplication.translate("Angles", "Front"),
        "left": QCoreApplication.translate("Angles", "Left"),
        "right": QCoreApplication.translate("Angles", "Right"),
        "up": QCoreApplication.translate("Angles", "Up"),
        "down": QCoreApplication.translate("Angles", "Down"),
    }
    return texts.get(angle, angle)


def hint_text(hint: CaptureHint | str | None) -> str:
    """The sentence shown for a capture hint: always why capture is waiting.

    None is the moment before the first analysed frame ("Starting the camera…").
    """
    texts = {
        CaptureHint.NO_FACE: QCoreApplication.translate("CaptureHints", "No face found — stand in front of the camera"),
        CaptureHint.SEVERAL_FACES: QCoreApplication.translate(
            "CaptureHints", "More than one face — only the person enrolling may be in view"
        ),
        CaptureHint.MOVE_CLOSER: QCoreApplication.translate("CaptureHints", "Move closer to the camera"),
        CaptureHint.TOO_DARK: QCoreApplication.translate("CaptureHints", "Too dark — face the light"),
        CaptureHint.TOO_BRIGHT: QCoreApplication.translate("CaptureHints", "Too bright — move out of direct light"),
        CaptureHint.HOLD_STILL: QCoreApplication.translate("CaptureHints", "Hold still — the picture is blurred"),
        CaptureHint.LOOK_STRAIGHT: QCoreApplication.translate("CaptureHints", "Look straight at the camera"),
        CaptureHint.TURN_LEFT: QCoreApplication.translate("CaptureHints", "Turn your head a little to your left"),
        CaptureHint.TURN_RIGHT: QCoreApplication.translate("CaptureHints", "Turn your head a little to your right"),
        CaptureHint.LOOK_UP: QCoreApplication.translate("CaptureHints", "Tilt your head up a little"),
        CaptureHint.LOOK_DOWN: QCoreApplication.translate("CaptureHints", "Tilt your head down a little"),
        CaptureHint.HOLD: QCoreApplication.translate("CaptureHints", "Hold it there — capturing"),
        CaptureHint.DONE: QCoreApplication.translate("CaptureHints", "All angles captured"),
    }
    if hint is None:
        return QCoreApplication.translate("CaptureHints", "Starting the camera…")
    return texts.get(CaptureHint(hint), str(hint)) if hint in set(CaptureHint) else str(hint)


def preview_pixmap(crop: np.ndarray, size: int = THUMB_PX, mirrored: bool = True) -> QPixmap:
    """A face crop (RGB, from :attr:`CaptureResult.preview`) as a thumbnail; GUI thread only.

    ``mirrored`` (default True) flips it left to right like the live preview
    (:class:`kiosk.ui.widgets.VideoView`), so the "Left" thumbnail shows the
    head turned the way the person saw it turn on screen.
    """
    if crop.size == 0:
        return QPixmap()
    image = rgb_to_qimage(crop)
    if mirrored:
        image = image.flipped(Qt.Orientation.Horizontal)
    return QPixmap.fromImage(image).scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


CAPTURED_SLOT_STYLE = f"QLabel {{ border: 3px solid {GREEN}; border-radius: 6px; }}"


def show_thumb(label: QLabel, crop: np.ndarray | None, empty_text: str) -> None:
    """Fill an angle's picture slot with its captured face, or show it empty with ``empty_text``."""
    if crop is not None:
        label.setPixmap(preview_pixmap(crop))
        label.setStyleSheet(CAPTURED_SLOT_STYLE)
    else:
        label.setPixmap(QPixmap())
        label.setText(empty_text)
        label.setStyleSheet(EMPTY_SLOT_STYLE)


def angle_list(angles: tuple[str, ...]) -> str:
    return ", ".join(angle_text(angle) for angle in angles)


class WizardStep(QWidget):
    """One step of the wizard: draws its part of the session and says whether the admin may go on.

    Like ``QWizardPage``: :meth:`is_complete` enables the Next button, and
    :attr:`complete_changed` asks the wizard to look again.

    Signals:
        complete_changed(): :meth:`is_complete` may have changed.
    """

    complete_changed = Signal()
    key: ClassVar[str]
    """The step's name in :attr:`EnrollWizard.step`."""

    def __init__(self, session: EnrollmentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def load(self, session: EnrollmentSession) -> None:
        """Draw ``session`` from now on (the wizard started over)."""
        self.session = session
        self.retranslate()

    def title(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def is_complete(self) -> bool:
        return True

    def next_text(self) -> str:
        return translate("EnrollWizard", "Next")

    def enter(self) -> None:
        """The step is now shown."""

    def leave(self) -> None:
        """The step is no longer shown (or the wizard starts over)."""

    def retranslate(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class DetailsStep(WizardStep):
    """Step 1: code, name and department of the person being enrolled."""

    key = "details"

    def __init__(self, session: EnrollmentSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.code = QLineEdit(self)
        self.name = QLineEdit(self)
        self.department = QComboBox(self)
        self.department.setEditable(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.code_label, self.name_label, self.department_label = QLabel(self), QLabel(self), QLabel(self)
        form = QFormLayout()
        form.addRow(self.code_label, self.code)
        form.addRow(self.name_label, self.name)
        form.addRow(self.department_label, self.department)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        for field in (self.code, self.name, self.department):
            field.setMaximumWidth(420)
        self.code.textChanged.connect(self._on_code_text_changed)
        self.name.textChanged.connect(self._on_name_text_changed)
        self.department.currentTextChanged.connect(self._on_department_current_text_changed)

    def load(self, session: EnrollmentSession) -> None:
        self.session = session
        existing = session.existing
        with QSignalBlocker(self.code), QSignalBlocker(self.name), QSignalBlocker(self.department):
            self.code.setText(session.code)
            self.code.setReadOnly(existing is not None)  # a re-enrollment keeps its code
            self.name.setText(session.name)
            self.department.clear()
            self.department.addItems(["", *session.repo.departments()])
            self.department.setCurrentText(session.department)
        self.retranslate()

    def title(self) -> str:
        return translate("EnrollWizard", "Employee details")

    def is_complete(self) -> bool:
        return self.session.details_complete

    def _on_code_text_changed(self, text: str) -> None:
        self.session.code = text
        self._show_note()
        self.complete_changed.emit()

    def _on_name_text_changed(self, text: str) -> None:
        self.session.name = text
        self.complete_changed.emit()

    def _on_department_current_text_changed(self, text: str) -> None:
        self.session.department = text

    def _show_note(self) -> None:
        existing = self.session.existing
        owner = self.session.code_owner()
        if existing is not None:
            self.note.setText(
                translate(
                    "EnrollWizard",
                    "Re-enrolling {name} ({code}): their face templates will be replaced; "
                    "attendance history is kept.",
                ).format(name=existing.name, code=existing.code)
            )
        elif owner is not None:
            self.note.setText(
                translate(
                    "EnrollWizard",
                    "Code {code} already belongs to {name}. Choose another code, or re-enroll them "
                    "from Staff (Re-enroll…).",
                ).format(code=owner.code, name=owner.name)
            )
        else:
            self.note.clear()

    def retranslate(self) -> None:
        self.intro.setText(
            translate("EnrollWizard", "Who is being enrolled? The code is what the kiosk and the reports use.")
        )
        self.code_label.setText(translate("EnrollWizard", "Employee code"))
        self.name_label.setText(translate("EnrollWizard", "Name"))
        self.department_label.setText(translate("EnrollWizard", "Department"))
        self.code.setPlaceholderText(translate("EnrollWizard", "e.g. 0012"))
        self._show_note()


class ConsentStep(WizardStep):
    """Step 2: the employee agrees to enrollment; the moment is recorded."""

    key = "consent"

    def __init__(self, session: EnrollmentSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setStyleSheet(f"QLabel {{ background: {SURFACE}; padding: 16px; border-radius: 8px; }}")
        self.box = QCheckBox(self)
        mark_touch_target(self.box)  # the employee ticks it: indicator and row a finger can hit
        self.box.toggled.connect(self._on_box_toggled)
        self.time = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.box)
        layout.addWidget(self.time)
        layout.addStretch(1)

    def load(self, session: EnrollmentSession) -> None:
        self.session = session
        with QSignalBlocker(self.box):
            self.box.setChecked(session.consent_at is not None)
        self.retranslate()

    def title(self) -> str:
        return translate("EnrollWizard", "Consent")

    def is_complete(self) -> bool:
        return self.session.consent_at is not None

    def _on_box_toggled(self, checked: bool) -> None:
        if checked:
            self.session.give_consent()
        else:
            self.session.withdraw_consent()
        self._show_time()
        self.complete_changed.emit()

    def _show_time(self) -> None:
        if self.session.consent_at is None:
            self.time.setText(translate("EnrollWizard", "Consent is needed before any face data is taken."))
        else:
            self.time.setText(
                translate("EnrollWizard", "Consent recorded at {time}.").format(
                    time=format_local(self.session.consent_at)
                )
            )

    def retranslate(self) -> None:
        self.text.setText(
            translate(
                "EnrollWizard",
                "The kiosk recognises staff by their face. To do this it stores 128 numbers computed from "
                "five pictures of the face (no photos are kept). They are used only for attendance on this "
                "kiosk, and are deleted when the employee asks or leaves. Attendance records are kept as "
                "required for payroll.\n\nRead this to the employee, or let them read it, before continuing.",
            )
        )
        self.box.setText(translate("EnrollWizard", "The employee has read this and agrees to enrollment"))
        self._show_time()


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


class CheckStep(WizardStep):
    """Step 4: a face that already belongs to another employee stops the enrollment."""

    key = "check"

    def __init__(self, session: EnrollmentSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setFont(px_font(22, bold=True))
        layout = QVBoxLayout(self)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def title(self) -> str:
        return translate("EnrollWizard", "Duplicate check")

    def is_complete(self) -> bool:
        return self.session.duplicate is None

    def enter(self) -> None:
        self.session.check_duplicate()
        self.retranslate()

    def retranslate(self) -> None:
        duplicate = self.session.duplicate
        set_status_colour(self.result, ok=duplicate is None)
        if duplicate is not None:
            other = duplicate.employee
            self.result.setText(
                translate(
                    "EnrollWizard",
                    "This face already belongs to {name} ({code}). Enrollment stopped: one person "
                    "must not have two records. To renew their face data, re-enroll {name} from the staff list.",
                ).format(name=other.name, code=other.code)
            )
        else:
            self.result.setText(
                translate("EnrollWizard", "No other employee has this face. Continue to review and save.")
            )


class ReviewStep(WizardStep):
    """Step 5: what will be saved, with a thumbnail per captured angle; then the save's outcome."""

    key = "review"

    def __init__(self, session: EnrollmentSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        grid = QGridLayout()
        self.thumbs: dict[str, QLabel] = {}
        self.names: dict[str, QLabel] = {}
        for column, angle in enumerate(ANGLES):
            thumb, name = QLabel(self), QLabel(self)
            thumb.setFixedSize(THUMB_PX + 24, THUMB_PX + 24)
            thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
            name.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.thumbs[angle], self.names[angle] = thumb, name
            grid.addWidget(thumb, 0, column)
            grid.addWidget(name, 1, column)
        grid.setColumnStretch(len(ANGLES), 1)
        self.missing = QLabel(self)
        self.missing.setWordWrap(True)
        self.save_result = QLabel(self)
        self.save_result.setWordWrap(True)
        self.save_result.setFont(px_font(20, bold=True))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        layout.addWidget(self.missing)
        layout.addWidget(self.save_result)
        layout.addStretch(1)

    def load(self, session: EnrollmentSession) -> None:
        self.save_result.clear()
        super().load(session)

    def title(self) -> str:
        return translate("EnrollWizard", "Review and save")

    def is_complete(self) -> bool:
        return bool(self.session.templates)

    def next_text(self) -> str:
        if self.session.saved is None:
            return translate("EnrollWizard", "Save")
        return translate("EnrollWizard", "Done")

    def enter(self) -> None:
        previews = self.session.previews
        for angle, thumb in self.thumbs.items():
            show_thumb(thumb, previews.get(angle), "—")
        self.retranslate()

    def show_saved(self, employee: Employee) -> None:
        set_status_colour(self.save_result, ok=True)
        self.save_result.setText(
            translate("EnrollWizard", "Saved. The kiosk recognises {name} from now on.").format(name=employee.name)
        )

    def show_not_saved(self, error: KioskError) -> None:
        set_status_colour(self.save_result, ok=False)
        self.save_result.setText(translate("EnrollWizard", "Not saved: {error}").format(error=error))

    def retranslate(self) -> None:
        session = self.session
        for angle in ANGLES:
            prefix = "✓ " if angle in session.done else "✗ "
            self.names[angle].setText(prefix + angle_text(angle))
        self.summary.setText(
            translate(
                "EnrollWizard", "{name} ({code}), department: {department}. {count} face templates will be saved."
            ).format(
                name=session.name.strip(),
                code=session.code.strip(),
                department=session.department.strip() or translate("EnrollWizard", "none"),
                count=len(session.templates),
            )
        )
        missing = session.missing
        self.missing.setText(
            translate(
                "EnrollWizard", "Not captured: {angles}. Recognition from those sides may be less reliable."
            ).format(angles=angle_list(missing))
            if missing
            else ""
        )


class EnrollWizard(AdminPage):
    """Five steps over one :class:`EnrollmentSession`; Next is enabled only when the current step is complete.

    Signals:
        enrolled(Employee): the employee was saved with new templates.
    """

    enrolled = Signal(object)

    def __init__(self, context: AdminContext, pipeline: CameraPipeline, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.pipeline = pipeline
        self.session = self._new_session(None)
        self.details_step = DetailsStep(self.session, self)
        self.consent_step = ConsentStep(self.session, self)
        self.capture_step = CaptureStep(self.session, pipeline, lambda: context.settings, self)
        self.check_step = CheckStep(self.session, self)
        self.review_step = ReviewStep(self.session, self)
        self.steps: tuple[WizardStep, ...] = (
            self.details_step, self.consent_step, self.capture_step, self.check_step, self.review_step,
        )
        self.step_label = QLabel(self)
        set_text_colour(self.step_label, MUTED)
        self.stack = QStackedWidget(self)
        for step in self.steps:
            self.stack.addWidget(step)
            step.complete_changed.connect(self._update_nav)
        self.capture_step.all_angles_captured.connect(self._on_all_angles_captured)

        self.back_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        for button in (self.back_button, self.next_button, self.cancel_button):
            button.setMinimumHeight(42)
            button.setMinimumWidth(140)
        self.next_button.setDefault(True)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button.clicked.connect(self.cancel)
        nav = QHBoxLayout()
        nav.addWidget(self.cancel_button)
        nav.addStretch(1)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.header)
        layout.addWidget(self.step_label)
        layout.addWidget(self.stack, 1)
        layout.addLayout(nav)
        self.retranslate()
        self.start_new()

    def _new_session(self, employee: Employee | None) -> EnrollmentSession:
        context = self.context
        return EnrollmentSession(context.repo, context.clock, context.settings.match_policy, existing=employee)

    # ---- entry points -----------------------------------------------------
    def start_new(self, employee: Employee | None = None) -> None:
        """Start over; with ``employee``, re-enroll them (details pre-filled, code fixed)."""
        self.current_step.leave()
        self.session = self._new_session(employee)
        for step in self.steps:
            step.load(self.session)
        self.show_step("details")

    @property
    def current_step(self) -> WizardStep:
        step = self.stack.currentWidget()
        assert isinstance(step, WizardStep)
        return step

    @property
    def step(self) -> str:
        """The current step's name: details, consent, capture, check or review."""
        return self.current_step.key

    def show_step(self, name: str) -> None:
        target = next(step for step in self.steps if step.key == name)
        current = self.current_step
        if current is not target:
            current.leave()
        self.stack.setCurrentWidget(target)
        target.enter()
        self._update_nav()
        self._retranslate_step()

    def go_next(self) -> None:
        if not self.next_button.isEnabled():
            return
        if self.current_step is self.review_step:
            if self.session.saved is None:
                self.save()
            else:
                self.context.show_admin_home()
            return
        self.show_step(self.steps[self.steps.index(self.current_step) + 1].key)

    def go_back(self) -> None:
        index = self.steps.index(self.current_step)
        if index == 0:
            return
        # From the check or review step, back means capturing again.
        back = self.capture_step if index > self.steps.index(self.capture_step) else self.steps[index - 1]
        self.show_step(back.key)

    def cancel(self) -> None:
        self.start_new()
        self.context.show_admin_home()

    def save(self) -> Employee | None:
        """Save the employee and their templates, then make the kiosk use them at once."""
        try:
            employee = self.session.save()
        except KioskError as exc:
            self.review_step.show_not_saved(exc)
            return None
        self.context.reload_engine()
        self.review_step.show_saved(employee)
        self.enrolled.emit(employee)
        self._update_nav()
        return employee

    def _on_all_angles_captured(self) -> None:
        if self.current_step is self.capture_step:
            self.show_step("check")

    # ---- navigation state -------------------------------------------------
    def _update_nav(self) -> None:
        step = self.current_step
        saved = self.session.saved is not None
        self.next_button.setEnabled(step.is_complete())
        self.next_button.setText(step.next_text())
        self.back_button.setEnabled(step is not self.details_step and not saved)
        self.cancel_button.setEnabled(not saved)

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the page (or the window closing) must not keep the camera
        # from the kiosk. While the window closes the pipeline has already
        # stopped, and giving the frames back does nothing.
        if self.current_step is self.capture_step:
            self.show_step("details")
        # A saved enrollment is finished: the next visit starts a new person,
        # never on "Saved" with the previous person's photos.
        if self.session.saved is not None:
            self.start_new()
        super().hideEvent(event)

    # ---- language ---------------------------------------------------------
    def _retranslate_step(self) -> None:
        self.step_label.setText(
            translate("EnrollWizard", "Step {number} of {total}: {title}").format(
                number=self.steps.index(self.current_step) + 1,
                total=len(self.steps),
                title=self.current_step.title(),
            )
        )

    def retranslate(self) -> None:
        self.setWindowTitle(translate("EnrollWizard", "Enroll staff"))
        self.header.title.setText(translate("EnrollWizard", "Enroll staff"))
        self.back_button.setText(translate("EnrollWizard", "Back"))
        self.cancel_button.setText(translate("EnrollWizard", "Cancel"))
        for step in self.steps:
            step.retranslate()
        self._update_nav()
        self._retranslate_step()
