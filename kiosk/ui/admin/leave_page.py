"""Leave: who is away when, recorded by HR so the timesheet counts leave instead of absence.

A leave runs from a local start to a local end on the kiosk's wall clock
(``repo.leave``; the end is exclusive). "Whole days" (the default) means from
the first day's midnight to the end of the last day, as ``kiosk leave add
--from DATE --to DATE`` does; unticked, the times are exact to the minute.
One person's leaves never overlap: storage refuses an overlap with one line
naming both. Deleting needs a reason, which goes to the audit log with what
the leave was.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.attendance.records import LeaveType
from kiosk.errors import KioskError
from kiosk.storage.models import Employee, StoredLeave
from kiosk.ui.admin.common import (
    AdminPage,
    StatusLine,
    cell,
    date_range_edits,
    make_table,
    select_row_where,
    selected_row,
    to_date,
    to_qdate,
)
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.style import destructive_button_style

ACTOR = "admin"


def leave_type_text(leave_type: str) -> str:
    """A leave type code (annual, sick, personal, other) in the screen language."""
    texts = {
        "annual": QCoreApplication.translate("LeavePage", "Annual leave"),
        "sick": QCoreApplication.translate("LeavePage", "Sick leave"),
        "personal": QCoreApplication.translate("LeavePage", "Personal leave"),
        "other": QCoreApplication.translate("LeavePage", "Other leave"),
    }
    return texts.get(leave_type, leave_type)


def is_whole_days(leave: StoredLeave) -> bool:
    return leave.start.time() == time() and leave.end.time() == time()


def shown_period(leave: StoredLeave) -> tuple[str, str]:
    """(from, to) as HR reads them: whole days as first and last day (inclusive), otherwise the exact times."""
    if is_whole_days(leave):
        return leave.start.strftime("%Y-%m-%d"), (leave.end - timedelta(days=1)).strftime("%Y-%m-%d")
    return leave.start.strftime("%Y-%m-%d %H:%M"), leave.end.strftime("%Y-%m-%d %H:%M")


def length_text(leave: StoredLeave) -> str:
    """How long a leave is: whole days in days, anything else in hours."""
    if is_whole_days(leave):
        days = (leave.end - leave.start).days
        if days == 1:
            return QCoreApplication.translate("LeavePage", "1 day")
        return QCoreApplication.translate("LeavePage", "{days} days").format(days=days)
    hours = round((leave.end - leave.start).total_seconds() / 3600, 2)
    return QCoreApplication.translate("LeavePage", "{hours} h").format(hours=f"{hours:g}")


def month_of(today: date) -> tuple[date, date]:
    """The first and last day of ``today``'s month: the period the list opens on."""
    first = today.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


class LeavePage(AdminPage):
    """The leave in a period, a form to record one, and deleting one with a reason."""

    COLUMNS = 7

    def __init__(self, context: AdminContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.leaves: list[StoredLeave] = []
        self.employees: dict[int, Employee] = {}
        today = context.clock().date()
        self.start, self.end = date_range_edits(self, today, self.refresh)
        for range_edit, day in zip((self.start, self.end), month_of(today), strict=True):
            range_edit.blockSignals(True)  # the page is not built yet: nothing to refresh
            range_edit.setDate(to_qdate(day))
            range_edit.blockSignals(False)
        self.filter_employee = QComboBox(self)
        self.filter_employee.currentIndexChanged.connect(self.refresh)
        self.table = make_table(self, self.COLUMNS)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.editor = QGroupBox(self)
        self.employee = QComboBox(self.editor)
        self.leave_type = QComboBox(self.editor)
        for code in LeaveType:
            self.leave_type.addItem("", code)
        self.leave_from, self.leave_to = QDateTimeEdit(self.editor), QDateTimeEdit(self.editor)
        for edit in (self.leave_from, self.leave_to):
            edit.setCalendarPopup(True)
            edit.setDateTime(QDateTime(to_qdate(today), QTime(0, 0)))
        self.whole_days = QCheckBox(self.editor)
        self.whole_days.setChecked(True)
        self._show_whole_days(True)
        self.note = QLineEdit(self.editor)
        self.add_button = QPushButton(self.editor)
        self.add_button.clicked.connect(self.add_leave)
        self.reason = QLineEdit(self.editor)
        self.reason.textChanged.connect(self._update_buttons)
        self.delete_button = QPushButton(self.editor)
        self.delete_button.setStyleSheet(destructive_button_style())
        self.delete_button.clicked.connect(self.delete_selected)
        self.status = StatusLine(self)
        keys = ("from", "to", "who", "employee", "type", "start", "end", "note", "reason")
        self.labels = {key: QLabel(self) for key in keys}
        self.whole_days.toggled.connect(self._on_whole_days_toggled)
        self._lay_out()
        self.retranslate()
        self.refresh()

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        for key, filter_widget in (("from", self.start), ("to", self.end), ("who", self.filter_employee)):
            filters.addWidget(self.labels[key])
            filters.addWidget(filter_widget)
        filters.addStretch(1)
        grid = QGridLayout()
        rows: tuple[tuple[tuple[str, QWidget], ...], ...] = (
            (("employee", self.employee), ("type", self.leave_type)),
            (("start", self.leave_from), ("end", self.leave_to)),
        )
        for row, pairs in enumerate(rows):
            for column, (key, widget) in enumerate(pairs):
                grid.addWidget(self.labels[key], row, 2 * column)
                grid.addWidget(widget, row, 2 * column + 1)
        grid.addWidget(self.labels["note"], 2, 0)
        grid.addWidget(self.note, 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.whole_days, 1)
        add_row.addWidget(self.add_button)
        delete_row = QHBoxLayout()
        delete_row.addWidget(self.labels["reason"])
        delete_row.addWidget(self.reason, 1)
        delete_row.addWidget(self.delete_button)
        for button in (self.add_button, self.delete_button):
            button.setMinimumHeight(38)
        editor = QVBoxLayout(self.editor)
        editor.addLayout(grid)
        editor.addLayout(add_row)
        editor.addLayout(delete_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.header)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor)
        layout.addWidget(self.status)

    # ---- data -------------------------------------------------------------
    def refresh(self) -> None:
        repo = self.context.repo
        people = repo.employees.all()
        self.employees = {employee.id: employee for employee in people}
        self._fill_employee_combos(people)
        start, end = to_date(self.start.date()), to_date(self.end.date())
        try:
            self.leaves = repo.leave.between(start, end, self.filter_employee.currentData()) if start <= end else []
        except KioskError as exc:
            self.leaves = []
            self.status.say(str(exc), ok=False)
        self._fill_table()
        self._update_buttons()

    def _fill_employee_combos(self, people: list[Employee]) -> None:
        for combo, with_all in ((self.filter_employee, True), (self.employee, False)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            if with_all:
                combo.addItem(self.tr("All employees"), None)
            for employee in people:
                if employee.active or with_all:
                    combo.addItem(f"{employee.code}  {employee.name}", employee.id)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.leaves))
        for row, leave in enumerate(self.leaves):
            employee = self.employees.get(leave.employee_id)
            values = (
                employee.code if employee else "", employee.name if employee else "", leave_type_text(leave.type),
                *shown_period(leave), length_text(leave), leave.note,
            )  # fmt: skip
            for column, value in enumerate(values):
                self.table.setItem(row, column, cell(value, leave.id if column == 0 else None))

    def selected(self) -> StoredLeave | None:
        return selected_row(self.table, self.leaves)

    def select_leave(self, leave_id: int) -> bool:
        return select_row_where(self.table, self.leaves, lambda leave: leave.id == leave_id)

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.employee.count() > 0)
        self.delete_button.setEnabled(self.selected() is not None and bool(self.reason.text().strip()))

    def _show_whole_days(self, whole: bool) -> None:
        for edit in (self.leave_from, self.leave_to):
            edit.setDisplayFormat("yyyy-MM-dd" if whole else "yyyy-MM-dd HH:mm")

    def _on_whole_days_toggled(self, whole: bool) -> None:
        self._show_whole_days(whole)
        self.retranslate()  # "First day" / "Starts"

    # ---- actions ----------------------------------------------------------
    def typed_period(self) -> tuple[datetime, datetime]:
        """The form's (start, end) as naive local datetimes, end exclusive (whole days: to the end of the last)."""
        if self.whole_days.isChecked():
            first, last = to_date(self.leave_from.date()), to_date(self.leave_to.date())
            return datetime.combine(first, time()), datetime.combine(last + timedelta(days=1), time())
        begin, finish = (
            datetime.combine(to_date(edit.date()), time(edit.time().hour(), edit.time().minute()))
            for edit in (self.leave_from, self.leave_to)
        )
        return begin, finish

    def add_leave(self) -> bool:
        """Record the typed leave for the chosen employee; an overlap is refused in one line."""
        employee_id = self.employee.currentData()
        if employee_id is None:
            return False
        start, end = self.typed_period()
        try:
            stored = self.context.repo.leave.add(
                employee_id, start, end, self.leave_type.currentData(), self.note.text(), actor=ACTOR
            )
        except KioskError as exc:
            self.status.say(str(exc), ok=False)
            return False
        name = self.employees[employee_id].name if employee_id in self.employees else ""
        self.status.say(lambda: self.tr("Leave recorded for {name}.").format(name=name))
        self.note.clear()
        self.refresh()
        if stored.id is not None:
            self.select_leave(stored.id)
        return True

    def delete_selected(self) -> bool:
        """Delete the selected leave; the reason goes to the audit log with what it was."""
        leave = self.selected()
        reason = self.reason.text().strip()
        if leave is None or not reason:
            return False
        try:
            self.context.repo.leave.delete(leave.id, actor=ACTOR, reason=reason)
        except KioskError as exc:
            self.status.say(str(exc), ok=False)
            return False
        self.status.say(lambda: self.tr("Leave deleted; the audit log keeps what it was and why."))
        self.reason.clear()
        self.refresh()
        return True

    # ---- language ---------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Leave"))
        self.header.title.setText(self.tr("Leave"))
        texts = {"from": self.tr("From"), "to": self.tr("to"), "who": self.tr("Employee"),
                 "employee": self.tr("Employee"), "type": self.tr("Type"), "start": self.tr("First day"),
                 "end": self.tr("Last day"), "note": self.tr("Note"),
                 "reason": self.tr("Reason to delete")}  # fmt: skip
        if not self.whole_days.isChecked():
            texts["start"], texts["end"] = self.tr("Starts"), self.tr("Ends (exclusive)")
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.editor.setTitle(self.tr("Record leave"))
        for index, code in enumerate(LeaveType):
            self.leave_type.setItemText(index, leave_type_text(code))
        self.whole_days.setText(self.tr("Whole days (to the end of the last day)"))
        self.note.setPlaceholderText(self.tr("e.g. approved by the team leader"))
        self.reason.setPlaceholderText(self.tr("required to delete"))
        self.add_button.setText(self.tr("Add leave"))
        self.delete_button.setText(self.tr("Delete selected leave"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Name"), self.tr("Type"), self.tr("From"), self.tr("To"), self.tr("Length"),
             self.tr("Note")]
        )
        if self.filter_employee.count():
            self.filter_employee.setItemText(0, self.tr("All employees"))
        if self.leaves:
            self._fill_table()
