"""The enrollment wizard: details, consent, guided five-angle capture, duplicate
check, review and save.

Capture runs in two workers off the GUI thread: the app's
:class:`~kiosk.ui.workers.CaptureWorker` reads the camera into a
:class:`~kiosk.ui.workers.FrameSlot`, and :class:`EnrollmentWorker` runs the
face analyser and :class:`kiosk.enrollment.GuidedCapture` on the newest frame.
The kiosk's own workers are paused meanwhile, because a camera can be opened by
one reader only. :class:`GuidedCapture` decides when an angle is captured; the
screen only shows why it is waiting. Face photos are never stored: the review
thumbnails live in memory until the wizard closes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
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
from kiosk.enrollment import ANGLES, CaptureStatus, DuplicateFinding, GuidedCapture, Template, find_duplicate, save_enrollment
from kiosk.errors import KioskError
from kiosk.matching import STRICTNESS
from kiosk.storage.repository import Employee
from kiosk.ui.admin.common import AdminHost, AdminPage, format_local
from kiosk.ui.admin.pose_indicator import PoseIndicator
from kiosk.ui.workers import CaptureWorker, FrameSlot, WorkerThread
from kiosk.ui.widgets import VideoView, px_font, rgb_to_qimage
from kiosk.vision.detect import DetectorConfig, FaceAnalyzer
from kiosk.vision.types import Box

log = logging.getLogger("kiosk.ui")

MIN_EXTRA_ANGLES = 2
"""Besides "front", this many more angles are required before the admin may
finish early. Front alone matches poorly once people turn their heads; front
plus two sides covers how people actually walk up to a kiosk, and some people
cannot tilt their head far enough for all five."""

THUMB_PX = 96
STEPS = ("details", "consent", "capture", "check", "review")


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


def hint_text(hint: str) -> str:
    """The sentence shown for a :class:`CaptureStatus` hint code: always why capture is waiting."""
    texts = {
        "no_face": QCoreApplication.translate("CaptureHints", "No face found — stand in front of the camera"),
        "several_faces": QCoreApplication.translate("CaptureHints", "More than one face — only the person enrolling may be in view"),
        "move_closer": QCoreApplication.translate("CaptureHints", "Move closer to the camera"),
        "too_dark": QCoreApplication.translate("CaptureHints", "Too dark — face the light"),
        "too_bright": QCoreApplication.translate("CaptureHints", "Too bright — move out of direct light"),
        "hold_still": QCoreApplication.translate("CaptureHints", "Hold still — the picture is blurred"),
        "look_straight": QCoreApplication.translate("CaptureHints", "Look straight at the camera"),
        "turn_left": QCoreApplication.translate("CaptureHints", "Turn your head a little to your left"),
        "turn_right": QCoreApplication.translate("CaptureHints", "Turn your head a little to your right"),
        "look_up": QCoreApplication.translate("CaptureHints", "Tilt your head up a little"),
        "look_down": QCoreApplication.translate("CaptureHints", "Tilt your head down a little"),
        "hold": QCoreApplication.translate("CaptureHints", "Hold it there — capturing"),
        "done": QCoreApplication.translate("CaptureHints", "All angles captured"),
        "starting": QCoreApplication.translate("CaptureHints", "Starting the camera…"),
    }
    return texts.get(hint, hint)


def missing_angles(done: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(angle for angle in ANGLES if angle not in done)


def can_finish(done: tuple[str, ...]) -> bool:
    """Front plus at least :data:`MIN_EXTRA_ANGLES` other angles are captured."""
    return "front" in done and len(done) >= 1 + MIN_EXTRA_ANGLES


@dataclass(frozen=True, eq=False)
class CaptureUpdate:
    """One analysed frame, sent from the worker to the wizard.

    ``template`` is set on the frame where an angle was captured.
    """

    session: int
    frame: Frame
    boxes: tuple[Box, ...]
    status: CaptureStatus
    template: Template | None


class EnrollmentWorker(QObject):
    """Analyses the newest frame and feeds :class:`GuidedCapture`.

    The analyser is built inside the thread (dlib objects are not thread-safe
    and loading the models takes about a second the GUI must not wait for).

    Signals:
        update_ready(object): a :class:`CaptureUpdate` for one frame.
        capture_failed(str): the analyser could not load; user-facing message.
        finished(): ``run`` returned.
    """

    update_ready = Signal(object)
    capture_failed = Signal(str)
    finished = Signal()

    def __init__(self, slot: FrameSlot, analyzer_factory: Callable[[], FaceAnalyzer], session: int) -> None:
        super().__init__()
        self.slot = slot
        self.analyzer_factory = analyzer_factory
        self.session = session

    @Slot()
    def run(self) -> None:
        thread = QThread.currentThread()
        try:
            analyzer = self.analyzer_factory()
            capture = GuidedCapture(analyzer)
            while not thread.isInterruptionRequested():
                frame = self.slot.take()
                if frame is None:
                    continue
                faces = analyzer.analyze(frame.rgb)
                status = capture.feed(frame.rgb, faces)
                template = capture.templates.get(status.captured) if status.captured else None
                self.update_ready.emit(
                    CaptureUpdate(self.session, frame, tuple(face.box for face in faces), status, template)
                )
        except KioskError as exc:
            log.error("enrollment capture failed: %s", exc)
            self.capture_failed.emit(str(exc))
        finally:
            self.finished.emit()


def face_thumbnail(rgb: np.ndarray, box: Box, size: int = THUMB_PX) -> QPixmap:
    """The face with a margin, cropped from the frame and scaled (GUI thread only)."""
    height, width = rgb.shape[:2]
    margin_x, margin_y = 0.25 * (box.right - box.left), 0.3 * (box.bottom - box.top)
    left, top = max(0, int(box.left - margin_x)), max(0, int(box.top - margin_y))
    right, bottom = min(width, int(box.right + margin_x)), min(height, int(box.bottom + margin_y))
    crop = rgb[top:bottom, left:right]
    if crop.size == 0:
        return QPixmap()
    return QPixmap.fromImage(rgb_to_qimage(crop)).scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class EnrollWizard(AdminPage):
    """Five steps; the Next button is enabled only when the current step is complete.

    Signals:
        enrolled(object): the :class:`Employee` was saved with new templates.
    """

    enrolled = Signal(object)

    def __init__(
        self,
        host: AdminHost,
        parent: QWidget | None = None,
        *,
        paced: bool = True,
        lockstep: bool = False,
        analyzer_factory: Callable[[], FaceAnalyzer] | None = None,
    ) -> None:
        super().__init__(host, parent)
        self.paced = paced
        self.lockstep = lockstep
        self.analyzer_factory = analyzer_factory or self._default_analyzer
        self.existing: Employee | None = None
        self.consent_at: datetime | None = None
        self.templates: dict[str, Template] = {}
        self.thumbnails: dict[str, QPixmap] = {}
        self.status: CaptureStatus | None = None
        self.hint = "starting"
        self.last_frame_index = -1
        self.duplicate: DuplicateFinding | None = None
        self.saved: Employee | None = None
        self._session = 0
        self._capture: WorkerThread | None = None
        self._vision: WorkerThread | None = None
        self._kiosk_paused = False

        self.step_label = QLabel(self)
        self.step_label.setStyleSheet("color: #555555;")
        self.steps = QStackedWidget(self)
        self._build_details()
        self._build_consent()
        self._build_capture()
        self._build_check()
        self._build_review()
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
        layout.addWidget(self.steps, 1)
        layout.addLayout(nav)
        self.retranslate()
        self.start_new()

    def _default_analyzer(self) -> FaceAnalyzer:
        settings = self.host.settings
        return FaceAnalyzer(DetectorConfig(detect_width=settings.detect_width, upsample=settings.upsample))

    # ---- building ---------------------------------------------------------
    def _build_details(self) -> None:
        page = QWidget(self)
        self.code = QLineEdit(page)
        self.name = QLineEdit(page)
        self.department = QComboBox(page)
        self.department.setEditable(True)
        self.details_note = QLabel(page)
        self.details_note.setWordWrap(True)
        self.details_intro = QLabel(page)
        self.details_intro.setWordWrap(True)
        self.code_label, self.name_label, self.department_label = QLabel(page), QLabel(page), QLabel(page)
        form = QFormLayout()
        form.addRow(self.code_label, self.code)
        form.addRow(self.name_label, self.name)
        form.addRow(self.department_label, self.department)
        layout = QVBoxLayout(page)
        layout.addWidget(self.details_intro)
        layout.addLayout(form)
        layout.addWidget(self.details_note)
        layout.addStretch(1)
        for field in (self.code, self.name):
            field.setMaximumWidth(420)
            field.textChanged.connect(self._on_details_changed)
        self.department.setMaximumWidth(420)
        self.steps.addWidget(page)

    def _build_consent(self) -> None:
        page = QWidget(self)
        self.consent_text = QLabel(page)
        self.consent_text.setWordWrap(True)
        self.consent_text.setStyleSheet("QLabel { background: #f5f5f5; padding: 16px; border-radius: 8px; }")
        self.consent_box = QCheckBox(page)
        self.consent_box.toggled.connect(self._on_consent_toggled)
        self.consent_time = QLabel(page)
        layout = QVBoxLayout(page)
        layout.addWidget(self.consent_text)
        layout.addWidget(self.consent_box)
        layout.addWidget(self.consent_time)
        layout.addStretch(1)
        self.steps.addWidget(page)

    def _build_capture(self) -> None:
        page = QWidget(self)
        self.video = VideoView(page)
        self.pose = PoseIndicator(angle_text, page)
        self.pose.setMaximumWidth(340)
        self.hint_label = QLabel(page)
        self.hint_label.setFont(px_font(24, bold=True))
        self.hint_label.setWordWrap(True)
        self.hint_label.setMinimumHeight(70)
        self.hint_label.setStyleSheet("QLabel { background: #b26a00; color: white; padding: 10px; border-radius: 8px; }")
        self.missing_label = QLabel(page)
        self.missing_label.setWordWrap(True)
        self.restart_button = QPushButton(page)
        self.restart_button.clicked.connect(self.restart_capture)
        self.capture_thumbs = QHBoxLayout()
        self.capture_thumb_labels: dict[str, QLabel] = {}
        for angle in ANGLES:
            label = QLabel(page)
            label.setFixedSize(THUMB_PX, THUMB_PX)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("QLabel { background: #eeeeee; color: #757575; border-radius: 6px; }")
            self.capture_thumb_labels[angle] = label
            self.capture_thumbs.addWidget(label)
        self.capture_thumbs.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(self.pose, 1)
        side.addWidget(self.missing_label)
        side.addWidget(self.restart_button)
        top = QHBoxLayout()
        top.addWidget(self.video, 3)
        top.addLayout(side, 2)
        layout = QVBoxLayout(page)
        layout.addWidget(self.hint_label)
        layout.addLayout(top, 1)
        layout.addLayout(self.capture_thumbs)
        self.steps.addWidget(page)

    def _build_check(self) -> None:
        page = QWidget(self)
        self.check_result = QLabel(page)
        self.check_result.setWordWrap(True)
        self.check_result.setFont(px_font(22, bold=True))
        layout = QVBoxLayout(page)
        layout.addWidget(self.check_result)
        layout.addStretch(1)
        self.steps.addWidget(page)

    def _build_review(self) -> None:
        page = QWidget(self)
        self.review_summary = QLabel(page)
        self.review_summary.setWordWrap(True)
        self.review_grid = QGridLayout()
        self.review_thumbs: dict[str, QLabel] = {}
        self.review_names: dict[str, QLabel] = {}
        for column, angle in enumerate(ANGLES):
            thumb, name = QLabel(page), QLabel(page)
            thumb.setFixedSize(THUMB_PX + 24, THUMB_PX + 24)
            thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
            name.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.review_thumbs[angle], self.review_names[angle] = thumb, name
            self.review_grid.addWidget(thumb, 0, column)
            self.review_grid.addWidget(name, 1, column)
        self.review_grid.setColumnStretch(len(ANGLES), 1)
        self.review_missing = QLabel(page)
        self.review_missing.setWordWrap(True)
        self.save_result = QLabel(page)
        self.save_result.setWordWrap(True)
        self.save_result.setFont(px_font(20, bold=True))
        layout = QVBoxLayout(page)
        layout.addWidget(self.review_summary)
        layout.addLayout(self.review_grid)
        layout.addWidget(self.review_missing)
        layout.addWidget(self.save_result)
        layout.addStretch(1)
        self.steps.addWidget(page)

    # ---- entry points -----------------------------------------------------
    def start_new(self, employee: Employee | None = None) -> None:
        """Reset the wizard; with ``employee``, re-enroll them (details pre-filled, code fixed)."""
        self.stop_capture()
        self.existing = employee
        self.code.setText(employee.code if employee else "")
        self.code.setReadOnly(employee is not None)
        self.name.setText(employee.name if employee else "")
        self.department.clear()
        self.department.addItems([""] + self.host.repo.departments())
        self.department.setCurrentText(employee.department if employee else "")
        self.consent_box.setChecked(False)
        self.consent_at = None
        self._clear_capture()
        self.duplicate = None
        self.saved = None
        self.save_result.clear()
        self.show_step("details")

    @property
    def step(self) -> str:
        return STEPS[self.steps.currentIndex()]

    def show_step(self, step: str) -> None:
        if self.step == "capture" and step != "capture":
            self.stop_capture()
        self.steps.setCurrentIndex(STEPS.index(step))
        if step == "capture":
            self.start_capture()
        elif step == "check":
            self.check_duplicate()
        elif step == "review":
            self._fill_review()
        self._update_nav()
        self._retranslate_step()

    def go_next(self) -> None:
        if not self.next_button.isEnabled():
            return
        if self.step == "review":
            if self.saved is None:
                self.save()
            else:
                self.host.show_admin_home()
            return
        self.show_step(STEPS[STEPS.index(self.step) + 1])

    def go_back(self) -> None:
        index = STEPS.index(self.step)
        if index > 0:
            # From the check or review step, back means capturing again.
            self.show_step("capture" if self.step in ("check", "review") else STEPS[index - 1])

    def cancel(self) -> None:
        self.stop_capture()
        self.start_new()
        self.host.show_admin_home()

    # ---- step 1 and 2 -----------------------------------------------------
    def _on_details_changed(self) -> None:
        code = self.code.text().strip()
        other = self.host.repo.find_employee(code) if code and self.existing is None else None
        if self.existing is not None:
            self.details_note.setText(
                self.tr("Re-enrolling {name} ({code}): their face templates will be replaced; "
                        "attendance history is kept.").format(name=self.existing.name, code=self.existing.code)
            )
        elif other is not None:
            self.details_note.setText(
                self.tr("Code {code} already belongs to {name}. Continuing re-enrolls them and replaces "
                        "their face templates.").format(code=other.code, name=other.name)
            )
        else:
            self.details_note.clear()
        self._update_nav()

    def _on_consent_toggled(self, checked: bool) -> None:
        self.consent_at = self.host.clock() if checked else None
        self._retranslate_consent_time()
        self._update_nav()

    def _retranslate_consent_time(self) -> None:
        if self.consent_at is None:
            self.consent_time.setText(self.tr("Consent is needed before any face data is taken."))
        else:
            self.consent_time.setText(
                self.tr("Consent recorded at {time}.").format(time=format_local(self.consent_at))
            )

    # ---- step 3: capture --------------------------------------------------
    @property
    def capturing(self) -> bool:
        return self._vision is not None

    @property
    def done(self) -> tuple[str, ...]:
        return tuple(angle for angle in ANGLES if angle in self.templates)

    def _clear_capture(self) -> None:
        self.templates.clear()
        self.thumbnails.clear()
        self.status = None
        self.hint = "starting"
        self.last_frame_index = -1
        self.video.clear()
        self.pose.set_state(None, None, (), "front")
        for angle, label in self.capture_thumb_labels.items():
            label.setPixmap(QPixmap())
            label.setText(angle_text(angle))
        self._show_capture_state()

    def start_capture(self) -> None:
        """Pause the kiosk's camera, then read the camera here and analyse in a worker thread."""
        if self.capturing:
            return
        host = self.host
        if getattr(host, "capture", None) is not None:
            host.stop_workers()  # type: ignore[attr-defined]
            self._kiosk_paused = True
        self._session += 1
        slot = FrameSlot(lockstep=self.lockstep)
        vision = EnrollmentWorker(slot, self.analyzer_factory, self._session)
        vision.update_ready.connect(self._on_update_ready)
        vision.capture_failed.connect(self._on_capture_failed)
        self._vision = WorkerThread.start(vision, "enroll-vision")
        camera = CaptureWorker(host.camera_source, slot, paced=self.paced)
        camera.frame_ready.connect(self._on_frame_ready)
        camera.camera_lost.connect(self._on_camera_lost)
        self._capture = WorkerThread.start(camera, "enroll-capture")

    def stop_capture(self, resume_kiosk: bool = True) -> None:
        """Stop the camera, then the analyser; give the camera back to the kiosk."""
        for attribute in ("_capture", "_vision"):
            running: WorkerThread | None = getattr(self, attribute)
            if running is not None:
                running.stop()
                setattr(self, attribute, None)
        if resume_kiosk:
            self._resume_kiosk()

    def _resume_kiosk(self) -> None:
        # Only while the window is up: a closing window must not get its threads back.
        if self._kiosk_paused and not self.capturing and self.window().isVisible():
            self._kiosk_paused = False
            self.host.start_workers()  # type: ignore[attr-defined]

    def restart_capture(self) -> None:
        """Throw the captured angles away and start again."""
        self.stop_capture()
        self._clear_capture()
        self.start_capture()
        self._update_nav()

    def _on_frame_ready(self, frame: Frame) -> None:
        if self.capturing:
            self.video.show_frame(frame.rgb)

    def _on_camera_lost(self, message: str) -> None:
        self.hint_label.setText(self.tr("Camera problem: {message}").format(message=message))

    def _on_capture_failed(self, message: str) -> None:
        self.hint_label.setText(self.tr("Face analysis could not start: {message}").format(message=message))

    def _on_update_ready(self, update: CaptureUpdate) -> None:
        if update.session != self._session or not self.capturing:
            return  # a late frame from a stopped capture
        self.status = update.status
        self.hint = update.status.hint
        self.last_frame_index = update.frame.index
        face = update.status.face
        self.video.show_faces(update.boxes, face.box if face else None, None)
        if update.template is not None and update.status.captured and face is not None:
            self.templates[update.status.captured] = update.template
            self.thumbnails[update.status.captured] = face_thumbnail(update.frame.rgb, face.box)
            self.capture_thumb_labels[update.status.captured].setPixmap(self.thumbnails[update.status.captured])
        self.pose.set_state(
            face.pose.yaw if face else None, face.pose.pitch if face else None, self.done, update.status.target
        )
        self._show_capture_state()
        self._update_nav()
        if update.status.hint == "done" and self.step == "capture":
            self.show_step("check")

    def _show_capture_state(self) -> None:
        self.hint_label.setText(hint_text(self.hint))
        done_colour = "#1b873f" if self.hint in ("hold", "done") else "#b26a00"
        self.hint_label.setStyleSheet(
            f"QLabel {{ background: {done_colour}; color: white; padding: 10px; border-radius: 8px; }}"
        )
        missing = missing_angles(self.done)
        names = ", ".join(angle_text(angle) for angle in missing)
        if not missing:
            self.missing_label.setText(self.tr("All five angles captured."))
        elif can_finish(self.done):
            self.missing_label.setText(
                self.tr("Enough angles to continue. Still missing: {angles}.").format(angles=names)
            )
        elif "front" not in self.done:
            self.missing_label.setText(
                self.tr("Front is needed first. Still missing: {angles}.").format(angles=names)
            )
        else:
            needed = 1 + MIN_EXTRA_ANGLES - len(self.done)
            self.missing_label.setText(
                self.tr("{count} more angle(s) needed to continue. Still missing: {angles}.").format(
                    count=needed, angles=names
                )
            )

    # ---- step 4: duplicate check ------------------------------------------
    def check_duplicate(self) -> DuplicateFinding | None:
        """Refuse a face that already belongs to another employee (the kiosk would confuse them)."""
        templates = [self.templates[angle] for angle in self.done]
        code = self.code.text().strip()
        existing = self.existing or (self.host.repo.find_employee(code) if code else None)
        policy = STRICTNESS[self.host.settings.strictness]
        self.duplicate = find_duplicate(
            self.host.repo, templates, policy, existing.id if existing is not None else None
        )
        self._retranslate_check()
        self._update_nav()
        return self.duplicate

    def _retranslate_check(self) -> None:
        if self.duplicate is not None:
            other = self.duplicate.employee
            self.check_result.setStyleSheet("color: #c62828;")
            self.check_result.setText(
                self.tr(
                    "This face already belongs to {name} ({code}). Enrollment stopped: one person "
                    "must not have two records. To renew their face data, re-enroll {name} from the staff list."
                ).format(name=other.name, code=other.code)
            )
        else:
            self.check_result.setStyleSheet("color: #1b873f;")
            self.check_result.setText(self.tr("No other employee has this face. Continue to review and save."))

    # ---- step 5: review and save ------------------------------------------
    def _fill_review(self) -> None:
        for angle in ANGLES:
            thumb = self.review_thumbs[angle]
            if angle in self.thumbnails:
                thumb.setPixmap(self.thumbnails[angle])
                thumb.setStyleSheet("QLabel { border: 3px solid #1b873f; border-radius: 6px; }")
            else:
                thumb.setPixmap(QPixmap())
                thumb.setText("—")
                thumb.setStyleSheet("QLabel { border: 2px dashed #bdbdbd; border-radius: 6px; color: #9e9e9e; }")
        self._retranslate_review()

    def _retranslate_review(self) -> None:
        for angle in ANGLES:
            prefix = "✓ " if angle in self.templates else "✗ "
            self.review_names[angle].setText(prefix + angle_text(angle))
        self.review_summary.setText(
            self.tr("{name} ({code}), department: {department}. {count} face templates will be saved.").format(
                name=self.name.text().strip(), code=self.code.text().strip(),
                department=self.department.currentText().strip() or self.tr("none"), count=len(self.templates),
            )
        )
        missing = missing_angles(self.done)
        self.review_missing.setText(
            self.tr("Not captured: {angles}. Recognition from those sides may be less reliable.").format(
                angles=", ".join(angle_text(angle) for angle in missing)
            ) if missing else ""
        )

    def save(self) -> Employee | None:
        """Save the employee and their templates, then make the kiosk use them at once."""
        templates = [self.templates[angle] for angle in self.done]
        try:
            employee = save_enrollment(
                self.host.repo,
                code=self.code.text(),
                name=self.name.text(),
                department=self.department.currentText(),
                templates=templates,
                consent_at=self.consent_at,
                policy=STRICTNESS[self.host.settings.strictness],
            )
        except KioskError as exc:
            self.save_result.setStyleSheet("color: #c62828;")
            self.save_result.setText(self.tr("Not saved: {error}").format(error=exc))
            return None
        self.saved = employee
        self.host.reload_engine()
        self.save_result.setStyleSheet("color: #1b873f;")
        self.save_result.setText(
            self.tr("Saved. The kiosk recognises {name} from now on.").format(name=employee.name)
        )
        self.enrolled.emit(employee)
        self._update_nav()
        return employee

    # ---- navigation state -------------------------------------------------
    def _update_nav(self) -> None:
        step = self.step
        ready = {
            "details": bool(self.code.text().strip() and self.name.text().strip()),
            "consent": self.consent_at is not None,
            "capture": can_finish(self.done),
            "check": self.duplicate is None,
            "review": bool(self.templates),
        }[step]
        self.next_button.setEnabled(ready)
        self.back_button.setEnabled(step != "details" and self.saved is None)
        self.cancel_button.setEnabled(self.saved is None)
        if step == "review":
            self.next_button.setText(self.tr("Save") if self.saved is None else self.tr("Done"))
        elif step == "capture":
            self.next_button.setText(self.tr("Continue with these angles"))
        else:
            self.next_button.setText(self.tr("Next"))

    def hideEvent(self, event: object) -> None:
        # Leaving the page (or closing the window) must not leave the camera running.
        self.stop_capture(resume_kiosk=False)
        if self._kiosk_paused:
            QTimer.singleShot(0, self._resume_kiosk)
        if self.step == "capture":
            self.steps.setCurrentIndex(STEPS.index("details"))
            self._update_nav()
        super().hideEvent(event)  # type: ignore[arg-type]

    # ---- language ---------------------------------------------------------
    def _retranslate_step(self) -> None:
        titles = {
            "details": self.tr("Employee details"),
            "consent": self.tr("Consent"),
            "capture": self.tr("Face capture"),
            "check": self.tr("Duplicate check"),
            "review": self.tr("Review and save"),
        }
        self.step_label.setText(
            self.tr("Step {number} of {total}: {title}").format(
                number=STEPS.index(self.step) + 1, total=len(STEPS), title=titles[self.step]
            )
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Enroll staff"))
        self.header.title.setText(self.tr("Enroll staff"))
        self.details_intro.setText(self.tr("Who is being enrolled? The code is what the kiosk and the reports use."))
        self.code_label.setText(self.tr("Employee code"))
        self.name_label.setText(self.tr("Name"))
        self.department_label.setText(self.tr("Department"))
        self.code.setPlaceholderText(self.tr("e.g. 0012"))
        self.consent_text.setText(
            self.tr(
                "The kiosk recognises staff by their face. To do this it stores 128 numbers computed from "
                "five pictures of the face (no photos are kept). They are used only for attendance on this "
                "kiosk, and are deleted when the employee asks or leaves. Attendance records are kept as "
                "required for payroll.\n\nRead this to the employee, or let them read it, before continuing."
            )
        )
        self.consent_box.setText(self.tr("The employee has read this and agrees to enrollment"))
        self._retranslate_consent_time()
        self.restart_button.setText(self.tr("Start capture again"))
        self.back_button.setText(self.tr("Back"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_capture_state()
        for angle, label in self.capture_thumb_labels.items():
            if angle not in self.thumbnails:
                label.setText(angle_text(angle))
        self.pose.update()
        self._retranslate_check()
        self._retranslate_review()
        self._on_details_changed()
        self._update_nav()
        self._retranslate_step()
