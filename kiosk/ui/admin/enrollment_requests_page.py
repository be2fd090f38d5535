"""Enrollments from the doors (HR workstation, on the company server): approve or reject each.

A person enrolled at a door is recognised at that door at once, and at the
other doors only once HR approves the enrollment here; a re-enrollment at a
door of someone already on the server waits here as a request
(``repo.enrollment_requests``; the server's row-level security is what makes
them requests, see the roles file). Each row says who (code, name,
department), which door (its device id and login), when, the consent record
and how many face templates came. Approving and rejecting are both audited
with the HR login that decided; a rejection needs a reason.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.errors import KioskError
from kiosk.storage.enrollment_requests import EnrollmentRequest, RequestKind
from kiosk.ui.admin.common import AdminPage, StatusLine, cell, format_local, local_zone, make_table
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.style import destructive_button_style

ACTOR = "admin"


class EnrollmentRequestsPage(AdminPage):
    """The enrollments waiting for HR, oldest first, with Approve and Reject (a reason) for the selected one."""

    COLUMNS = 9

    def __init__(self, context: AdminContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.requests: list[EnrollmentRequest] = []
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.table = make_table(self, self.COLUMNS)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reason = QLineEdit(self)
        self.reason.textChanged.connect(self._update_buttons)
        self.reason_label = QLabel(self)
        self.approve_button = QPushButton(self)
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button = QPushButton(self)
        self.reject_button.setStyleSheet(destructive_button_style())
        self.reject_button.clicked.connect(self.reject_selected)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.status = StatusLine(self)
        decide = QHBoxLayout()
        decide.addWidget(self.reason_label)
        decide.addWidget(self.reason, 1)
        for button in (self.approve_button, self.reject_button, self.refresh_button):
            button.setMinimumHeight(38)
            decide.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.header)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addLayout(decide)
        layout.addWidget(self.status)
        self.retranslate()
        self.refresh()

    # ---- data -------------------------------------------------------------
    def refresh(self) -> None:
        try:
            self.requests = self.context.repo.enrollment_requests.pending()
        except KioskError as exc:
            self.status.say(str(exc), ok=False)
            return
        self._fill_table()
        self._update_buttons()

    def _fill_table(self) -> None:
        zone = local_zone(self.context)
        self.table.setRowCount(len(self.requests))
        for row, request in enumerate(self.requests):
            if request.kind is RequestKind.NEW:
                what = self.tr("New person")
            else:
                what = self.tr("Re-enrollment (on the server now: {name})").format(name=request.current_name)
            values = (
                what,
                request.code,
                request.name,
                request.department,
                request.device_id or self.tr("(no registered door)"),
                request.door_login,
                format_local(request.requested_at, zone),
                format_local(request.consent_at, zone) if request.consent_at else self.tr("None recorded"),
                request.templates,
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, cell(value, request.id if column == 0 else None))

    def selected(self) -> EnrollmentRequest | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model else []
        if not rows or rows[0].row() >= len(self.requests):
            return None
        return self.requests[rows[0].row()]

    def select_request(self, code: str, kind: RequestKind = RequestKind.NEW) -> bool:
        for row, request in enumerate(self.requests):
            if (request.code, request.kind) == (code, kind):
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        selected = self.selected() is not None
        self.approve_button.setEnabled(selected)
        self.reject_button.setEnabled(selected and bool(self.reason.text().strip()))

    # ---- decisions ----------------------------------------------------------
    def approve_selected(self) -> bool:
        """Approve the selected enrollment: the person (or their new face) reaches every door at its next sync."""
        request = self.selected()
        if request is None:
            return False
        try:
            self.context.repo.enrollment_requests.approve(request, actor=ACTOR)
        except KioskError as exc:
            self.status.say(str(exc), ok=False)
            return False
        self.status.say(
            lambda: self.tr("Approved: {code} reaches every door at its next sync; the audit log records it.").format(
                code=request.code
            )
        )
        self.reason.clear()
        self.refresh()
        return True

    def reject_selected(self) -> bool:
        """Reject the selected enrollment with the typed reason."""
        request = self.selected()
        if request is None or not self.reason.text().strip():
            return False
        try:
            self.context.repo.enrollment_requests.reject(request, reason=self.reason.text(), actor=ACTOR)
        except KioskError as exc:
            self.status.say(str(exc), ok=False)
            return False
        self.status.say(
            lambda: self.tr("Rejected: {code} does not reach the other doors; the audit log keeps your reason.").format(
                code=request.code
            )
        )
        self.reason.clear()
        self.refresh()
        return True

    # ---- language ---------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Enrollments from the doors"))
        self.header.title.setText(self.tr("Enrollments from the doors"))
        self.explanation.setText(
            self.tr(
                "A person enrolled at a door is recognised there at once, and at the other doors only once you "
                "approve. Rejecting a new person stops them at their door too and erases their face. A "
                "re-enrollment of someone already here changes them everywhere only once you approve."
            )
        )
        self.reason_label.setText(self.tr("Reason (required to reject)"))
        self.reason.setPlaceholderText(self.tr("e.g. no consent form on file"))
        self.approve_button.setText(self.tr("Approve"))
        self.reject_button.setText(self.tr("Reject"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Request"), self.tr("Code"), self.tr("Name"), self.tr("Department"), self.tr("Door"),
             self.tr("Login"), self.tr("When"), self.tr("Consent"), self.tr("Templates")]
        )  # fmt: skip
        if self.requests:
            self._fill_table()
