"""The enrollment wizard: details, consent, guided five-angle capture, duplicate
check, review and save.

The wizard draws a :class:`kiosk.enrollment.session.EnrollmentSession`, which holds the
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

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.enrollment.session import EnrollmentSession
from kiosk.errors import KioskError
from kiosk.storage.models import Employee
from kiosk.ui.admin.common import AdminPage
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.admin.enroll_capture import CaptureStep
from kiosk.ui.admin.enroll_steps import CheckStep, ConsentStep, DetailsStep, ReviewStep, WizardStep
from kiosk.ui.pipeline import CameraPipeline
from kiosk.ui.style import (
    MUTED,
    set_text_colour,
)

log = logging.getLogger("kiosk.ui")


# Every step's strings live in the catalogue's one "EnrollWizard" context. The
# context is written out in each call because pyside6-lupdate reads only
# literal ones (``self.tr`` would file each step's strings under its class).
translate = QCoreApplication.translate


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
        # Queued: starting over refills the list whose row was just tapped, which must not happen inside its click.
        self.details_step.employee_picked.connect(self.start_new, Qt.ConnectionType.QueuedConnection)

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
