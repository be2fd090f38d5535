"""The enrollment wizard's steps other than capture (details, consent, the duplicate check, review)
and the drawing helpers they share with it."""

from __future__ import annotations

import logging
from typing import ClassVar

import numpy as np
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.enrollment.capture import ANGLES, CaptureHint
from kiosk.enrollment.session import EnrollmentSession
from kiosk.errors import KioskError
from kiosk.storage.models import Employee
from kiosk.ui.admin.common import format_local
from kiosk.ui.admin.enroll_picker import EmployeePicker
from kiosk.ui.style import (
    EMPTY_SLOT_STYLE,
    GREEN,
    SURFACE,
    mark_touch_target,
    set_status_colour,
)
from kiosk.ui.widgets import px_font, rgb_to_qimage

log = logging.getLogger("kiosk.ui")

translate = QCoreApplication.translate

THUMB_PX = 96
"""Side of a captured-angle thumbnail, in pixels: big enough to see it is the
right person, small enough for five in a row beside the preview."""


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
    """Step 1: who is enrolled: picked from the staff list (:class:`EmployeePicker`) or typed in.

    Signals:
        employee_picked(object): start over enrolling this :class:`Employee`
            (tapped in the list), or ``None`` for a new person typed in.
    """

    key = "details"
    employee_picked = Signal(object)

    def __init__(self, session: EnrollmentSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.picker = EmployeePicker(self)
        self.picker.picked.connect(self.employee_picked)
        self.new_person_button = QPushButton(self)
        mark_touch_target(self.new_person_button)
        self.new_person_button.clicked.connect(lambda: self.employee_picked.emit(None))
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
        typed = QVBoxLayout()
        typed.addWidget(self.intro)
        typed.addLayout(form)
        typed.addWidget(self.note)
        typed.addWidget(self.new_person_button, 0, Qt.AlignmentFlag.AlignLeft)
        typed.addStretch(1)
        # The list beside the form on a landscape screen, above it on a portrait one (see resizeEvent).
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.body.addWidget(self.picker, 1)
        self.body.addLayout(typed, 1)
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
            self.department.addItems(["", *session.repo.employees.departments()])
            self.department.setCurrentText(session.department)
        self.new_person_button.setVisible(existing is not None)
        self.picker.load(session.repo)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.picker.load(self.session.repo)  # staff imported since the wizard was last shown

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        super().resizeEvent(event)

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
        if existing is not None and not self.picker.has_face(existing) and existing.id in self.picker.template_counts:
            self.note.setText(
                translate(
                    "EnrollWizard", "Enrolling {name} ({code}) from the staff list: their first face templates."
                ).format(name=existing.name, code=existing.code)
            )
        elif existing is not None:
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
            translate(
                "EnrollWizard",
                "Who is being enrolled? Tap them in the list, or type a new person's details. "
                "The code is what the kiosk and the reports use.",
            )
        )
        self.new_person_button.setText(translate("EnrollWizard", "Someone else: type a new person"))
        self.picker.retranslate()
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


