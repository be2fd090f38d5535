"""Staff list: find people, edit them, switch them off, re-enroll, set a PIN,
delete their face data.

Every change goes through :class:`kiosk.storage.repository.Repository`, which
writes the audit entry in the same transaction. Confirmations are opened with
``open()`` (non-blocking) so the kiosk keeps running and tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.security.pins import PinStore
from kiosk.storage.models import Employee
from kiosk.ui.admin.common import (
    AdminPage,
    StatusLine,
    cell,
    error_style,
    format_local,
    local_zone,
    make_table,
    run_and_say,
)
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.admin.staff_import import RosterPlan, RosterPreviewDialog, plan_roster
from kiosk.ui.file_dialogs import file_dialog
from kiosk.ui.keypad import NumericKeypad
from kiosk.ui.style import destructive_button_style

ACTOR = "admin"


class EmployeeDialog(QDialog):
    """Edit an employee's name and department (the code is their identity and stays)."""

    def __init__(self, employee: Employee, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.employee = employee
        self.name = QLineEdit(employee.name, self)
        self.department = QLineEdit(employee.department, self)
        self.error = error_style(QLabel(self))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.rejected.connect(self.reject)
        self.name_label, self.department_label = QLabel(self), QLabel(self)
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        form.addRow(self.department_label, self.department)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Edit {code}").format(code=employee.code))
        self.name_label.setText(self.tr("Name"))
        self.department_label.setText(self.tr("Department"))
        self.setMinimumWidth(420)


class PinDialog(QDialog):
    """Type an employee's personal PIN twice (4–12 digits)."""

    def __init__(self, employee: Employee, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        digits = QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self)
        self.first, self.second = QLineEdit(self), QLineEdit(self)
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setValidator(digits)
        self.error = error_style(QLabel(self))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.rejected.connect(self.reject)
        # A touch-only kiosk has no keyboard for the admin either.
        self.keypad = NumericKeypad(self)
        self.keypad.follow_focus(self.first, self.second)
        self.keypad.ok_pressed.connect(self._on_keypad_ok)
        self.first_label, self.second_label = QLabel(self), QLabel(self)
        explanation = QLabel(self)
        explanation.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.first_label, self.first)
        form.addRow(self.second_label, self.second)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Personal PIN for {name}").format(name=employee.name))
        explanation.setText(
            self.tr(
                "With a personal PIN, {name} can check in with their code and PIN when the camera "
                "does not recognise them. Use 4 to 12 digits."
            ).format(name=employee.name)
        )
        self.first_label.setText(self.tr("New PIN"))
        self.second_label.setText(self.tr("Repeat PIN"))
        self.setMinimumWidth(460)

    def _on_keypad_ok(self) -> None:
        """OK after the first entry moves on to the repeat; after the repeat it is the dialog's OK."""
        if self.keypad.target is self.first:
            self.second.setFocus()
            self.keypad.attach(self.second)
        else:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


class StaffPage(AdminPage):
    """The staff list and what can be done to one person.

    Signals:
        re_enroll_requested(object): re-enroll this :class:`Employee` (or
            ``None`` for a new person); the enrollment wizard opens pre-filled.
    """

    re_enroll_requested = Signal(object)

    COLUMNS = 7

    def __init__(self, context: AdminContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.employees: list[Employee] = []
        self.template_counts: dict[int, int] = {}
        self.dialog: QDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.file_dialog: QFileDialog | None = None
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.table = make_table(self, self.COLUMNS)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.status = StatusLine(self)
        self.enroll_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.active_button = QPushButton(self)
        self.re_enroll_button = QPushButton(self)
        self.pin_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.delete_button.setStyleSheet(destructive_button_style())
        self.enroll_button.clicked.connect(lambda: self.re_enroll_requested.emit(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.active_button.clicked.connect(self.toggle_active)
        self.re_enroll_button.clicked.connect(lambda: self.re_enroll_requested.emit(self.selected()))
        self.pin_button.clicked.connect(self.ask_pin)
        self.delete_button.clicked.connect(self.confirm_delete_biometrics)
        self.import_button = QPushButton(self)  # beside the search: the row of buttons below is full
        self.import_button.clicked.connect(self.choose_import)
        buttons = QHBoxLayout()
        for button in (
            self.enroll_button, self.edit_button, self.active_button,
            self.re_enroll_button, self.pin_button, self.delete_button,
        ):
            button.setMinimumHeight(38)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.header)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.import_button)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.retranslate()
        self._update_buttons()

    # ---- data -------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected()
        self.employees = self.context.repo.employees.all(search=self.search.text())
        self.template_counts = {e.id: len(self.context.repo.templates.of(e.id)) for e in self.employees}
        self._fill()
        if selected is not None:
            self.select(selected.code)
        self._update_buttons()

    def _fill(self) -> None:
        zone = local_zone(self.context)
        self.table.setRowCount(len(self.employees))
        for row, employee in enumerate(self.employees):
            values = (
                employee.code,
                employee.name,
                employee.department,
                self.tr("Active") if employee.active else self.tr("Inactive"),
                self.template_counts.get(employee.id, 0),
                format_local(employee.consent_at, zone),
                self.tr("Yes") if employee.has_pin else self.tr("No"),
            )
            for column, value in enumerate(values):
                item = cell(value, employee.id if column == 0 else None)
                if not employee.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)

    def select(self, code: str) -> bool:
        """Select the row of the employee with ``code``; False if not listed."""
        for row, employee in enumerate(self.employees):
            if employee.code == code:
                self.table.selectRow(row)
                return True
        return False

    def selected(self) -> Employee | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.employees):
            return None
        return self.employees[rows[0].row()]

    def _update_buttons(self) -> None:
        employee = self.selected()
        for button in (self.edit_button, self.active_button, self.re_enroll_button, self.pin_button):
            button.setEnabled(employee is not None)
        self.delete_button.setEnabled(employee is not None and self.template_counts.get(employee.id, 0) > 0)
        if employee is not None and not employee.active:
            self.active_button.setText(self.tr("Reactivate"))
        else:
            self.active_button.setText(self.tr("Deactivate"))

    def _run(self, action: Callable[[], object], done: Callable[[], str]) -> bool:
        """Do ``action``; show ``done`` or the error in the status line; refresh (the engine too)."""
        return run_and_say(self.status, action, done, self._after_change)

    def _after_change(self) -> None:
        self.refresh()
        self.context.reload_engine()

    # ---- actions ----------------------------------------------------------
    def edit_selected(self) -> None:
        employee = self.selected()
        if employee is None:
            return
        dialog = EmployeeDialog(employee, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def _on_save() -> None:
            if self.save_employee(employee, dialog.name.text(), dialog.department.text()):
                dialog.accept()
            else:
                dialog.error.setText(self.status.text())

        dialog.buttons.accepted.connect(_on_save)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def save_employee(self, employee: Employee, name: str, department: str) -> bool:
        return self._run(
            lambda: self.context.repo.employees.update(employee.id, name=name, department=department),
            lambda: self.tr("Saved {code}.").format(code=employee.code),
        )

    def toggle_active(self) -> None:
        employee = self.selected()
        if employee is None:
            return
        if employee.active:
            def done() -> str:
                return self.tr(
                    "{name} is deactivated: the kiosk no longer recognises them; their history is kept."
                ).format(name=employee.name)
        else:
            def done() -> str:
                return self.tr("{name} is active again.").format(name=employee.name)
        self._run(lambda: self.context.repo.employees.update(employee.id, active=not employee.active), done)

    def ask_pin(self) -> None:
        employee = self.selected()
        if employee is None:
            return
        dialog = PinDialog(employee, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def _on_ok() -> None:
            if dialog.first.text() != dialog.second.text():
                dialog.error.setText(self.tr("The two PINs differ. Type the same PIN twice."))
            elif self.set_pin(employee, dialog.first.text()):
                dialog.accept()
            else:
                dialog.error.setText(self.tr("A PIN must be 4 to 12 digits; choose another."))

        dialog.buttons.accepted.connect(_on_ok)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def set_pin(self, employee: Employee, pin: str) -> bool:
        return self._run(
            lambda: PinStore(self.context.repo).set_employee_pin(employee.id, pin),
            lambda: self.tr("Personal PIN set for {name}.").format(name=employee.name),
        )

    def delete_question(self, employee: Employee) -> str:
        """Exactly what deleting biometrics removes, and what it keeps."""
        count = self.template_counts.get(employee.id, 0)
        return self.tr(
            "Delete the face data of {name} ({code})?\n\n"
            "This deletes their {count} face templates, so the kiosk will no longer recognise them. "
            "No photos are stored, so there is nothing else to delete.\n\n"
            "Their attendance history, personal PIN and employee record are kept. "
            "To recognise them again, enroll them again."
        ).format(name=employee.name, code=employee.code, count=count)

    def confirm_delete_biometrics(self) -> None:
        employee = self.selected()
        if employee is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete face data"), self.delete_question(employee),
                          QMessageBox.StandardButton.NoButton, self)
        box.addButton(self.tr("Delete face data"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def _on_clicked(button: QAbstractButton) -> None:
            # By role, not by the button object: the box may rebuild its buttons (it does when the
            # screen scale restyles it), and the object addButton returned is then gone.
            if box.buttonRole(button) == QMessageBox.ButtonRole.DestructiveRole:
                self.delete_biometrics(employee)

        box.buttonClicked.connect(_on_clicked)
        box.finished.connect(lambda _result: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()

    def delete_biometrics(self, employee: Employee) -> bool:
        return self._run(
            lambda: self.context.repo.employees.delete_biometrics(employee.id),
            lambda: self.tr("Face data of {name} deleted; attendance history kept.").format(name=employee.name),
        )

    # ---- import -----------------------------------------------------------
    def choose_import(self) -> None:
        """Pick a roster file (CSV or xlsx); its preview opens next (see :meth:`preview_import`)."""
        dialog = file_dialog(self, self.tr("Import staff"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Staff lists (*.csv *.xlsx)"))
        dialog.fileSelected.connect(self.preview_import)
        dialog.finished.connect(lambda _result: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    def preview_import(self, path: str | Path) -> RosterPreviewDialog | None:
        """Read and plan ``path``; show what it would change, or its one-line error (nothing is written)."""
        try:
            plan = plan_roster(self.context.repo, path)
        except KioskError as exc:
            self.status.say(str(exc), ok=False)
            return None
        dialog = RosterPreviewDialog(self.context.repo, plan, self.context.clock().date(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def _on_apply() -> None:
            if self.apply_import(dialog.plan):
                dialog.accept()
            else:
                dialog.error.setText(self.status.text())

        dialog.buttons.accepted.connect(_on_apply)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def apply_import(self, plan: RosterPlan) -> bool:
        """Apply the previewed rows in one transaction (audited); False, with nothing written, on error."""
        return self._run(
            lambda: self.context.repo.roster.apply(list(plan.rows), ACTOR, plan.valid_from, source=plan.path.name),
            lambda: self.tr("Imported {file}: {added} added, {changed} changed, {assigned} shifts assigned.").format(
                file=plan.path.name, added=plan.count("add"), changed=plan.count("update"),
                assigned=plan.count("assign"),
            ),
        )  # fmt: skip

    # ---- language ---------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Staff"))
        self.header.title.setText(self.tr("Staff"))
        self.search.setPlaceholderText(self.tr("Search by code, name or department"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Name"),
                self.tr("Department"),
                self.tr("Status"),
                self.tr("Face templates"),
                self.tr("Consent given"),
                self.tr("Personal PIN"),
            ]
        )
        self.enroll_button.setText(self.tr("Enroll new…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.re_enroll_button.setText(self.tr("Re-enroll…"))
        self.pin_button.setText(self.tr("Set PIN…"))
        self.delete_button.setText(self.tr("Delete face data…"))
        self.import_button.setText(self.tr("Import…"))
        self._update_buttons()
        if self.employees:
            self._fill()
