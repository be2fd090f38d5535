"""Shifts: the company's working times, and who works which from when.

A shift typed here is checked by the same rules as ``kiosk shift add``
(:func:`kiosk.attendance.shifts.validate_shift`, breaks read by
:func:`~kiosk.attendance.shifts.parse_break`), so a bad one is refused with
the same one line. Storage (``repo.shifts``) writes it and its audit entry in
one transaction. An assignment takes effect from a date, one person or a
whole department at once, so a change never rewrites past months.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.attendance.records import Break, Shift
from kiosk.attendance.shifts import parse_break, validate_shift
from kiosk.attendance.stored import shift_fields
from kiosk.storage.models import Employee, StoredAssignment, StoredShift
from kiosk.storage.shifts import EARLIEST
from kiosk.ui.admin.common import AdminPage, StatusLine, cell, make_table, run_and_say, to_date, to_qdate
from kiosk.ui.admin.context import AdminContext

ACTOR = "admin"

_BREAK_SEPARATORS = re.compile(r"[,;，；]")


def weekday_name(day: int) -> str:
    """Monday = 0 as the screen language shortens it (Mon, 周一)."""
    return QLocale().dayName(day + 1, QLocale.FormatType.ShortFormat)


def weekdays_text(days: tuple[int, ...] | frozenset[int]) -> str:
    """Weekdays with runs shortened: ``Mon–Fri``, ``Mon, Wed, Fri`` (周一–周五 in Chinese)."""
    runs: list[list[int]] = []
    for day in sorted(set(days)):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{weekday_name(run[0])}–{weekday_name(run[-1])}")
        else:
            parts.extend(weekday_name(day) for day in run)
    return ", ".join(parts)


def parse_breaks(text: str) -> tuple[Break, ...]:
    """Breaks typed as ``12:00-13:00, 18:00-18:30`` (as ``kiosk shift add --break``); empty for none."""
    return tuple(parse_break(part) for part in _BREAK_SEPARATORS.split(text) if part.strip())


def _py_time(value: QTime) -> time:
    return time(value.hour(), value.minute())


class ShiftsPage(AdminPage):
    """The list of shifts with a form to add one, and who works which shift from when."""

    SHIFT_COLUMNS = 7
    ASSIGNMENT_COLUMNS = 5

    def __init__(self, context: AdminContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.shifts: list[StoredShift] = []
        self.employees: list[Employee] = []
        self.latest: dict[int, StoredAssignment] = {}
        self.tabs = QTabWidget(self)
        self.status = StatusLine(self)
        self._build_shifts_tab()
        self._build_assign_tab()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.retranslate()
        self.refresh()

    # ---- building ---------------------------------------------------------
    def _build_shifts_tab(self) -> None:
        tab = QWidget(self)
        self.table = make_table(tab, self.SHIFT_COLUMNS)
        self.form = QGroupBox(tab)
        self.name = QLineEdit(self.form)
        self.start = QTimeEdit(QTime(9, 0), self.form)
        self.end = QTimeEdit(QTime(18, 0), self.form)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.breaks = QLineEdit(self.form)
        self.late_grace = QSpinBox(self.form)
        self.early_grace = QSpinBox(self.form)
        for spin, value in ((self.late_grace, 5), (self.early_grace, 0)):
            spin.setRange(0, 240)
            spin.setValue(value)
        self.weekdays = [QCheckBox(self.form) for _ in range(7)]
        for day, box in enumerate(self.weekdays):
            box.setChecked(day < 5)
        self.statutory = QCheckBox(self.form)
        self.statutory.setChecked(True)
        self.add_button = QPushButton(self.form)
        self.add_button.setMinimumHeight(38)
        self.add_button.clicked.connect(self.add_shift)
        keys = ("name", "start", "end", "breaks", "late", "early", "days")
        self.form_labels = {key: QLabel(self.form) for key in keys}
        grid = QGridLayout(self.form)
        pairs = (("name", self.name, "breaks", self.breaks), ("start", self.start, "end", self.end),
                 ("late", self.late_grace, "early", self.early_grace))  # fmt: skip
        for row, (left, left_field, right, right_field) in enumerate(pairs):
            grid.addWidget(self.form_labels[left], row, 0)
            grid.addWidget(left_field, row, 1)
            grid.addWidget(self.form_labels[right], row, 2)
            grid.addWidget(right_field, row, 3)
        days = QHBoxLayout()
        for box in self.weekdays:
            days.addWidget(box)
        days.addStretch(1)
        grid.addWidget(self.form_labels["days"], 3, 0)
        grid.addLayout(days, 3, 1, 1, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.statutory, 1)
        bottom.addWidget(self.add_button)
        grid.addLayout(bottom, 4, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form)
        self.tabs.addTab(tab, "")

    def _build_assign_tab(self) -> None:
        tab = QWidget(self)
        self.assignments_table = make_table(tab, self.ASSIGNMENT_COLUMNS)
        self.assign_box = QGroupBox(tab)
        self.who = QComboBox(self.assign_box)
        self.assign_shift = QComboBox(self.assign_box)
        self.valid_from = QDateEdit(to_qdate(self.context.clock().date()), self.assign_box)
        self.valid_from.setCalendarPopup(True)
        self.valid_from.setDisplayFormat("yyyy-MM-dd")
        self.assign_button = QPushButton(self.assign_box)
        self.assign_button.setMinimumHeight(38)
        self.assign_button.clicked.connect(self.assign)
        self.assign_labels = {key: QLabel(self.assign_box) for key in ("who", "shift", "from")}
        grid = QGridLayout(self.assign_box)
        grid.addWidget(self.assign_labels["who"], 0, 0)
        grid.addWidget(self.who, 0, 1, 1, 3)
        grid.addWidget(self.assign_labels["shift"], 1, 0)
        grid.addWidget(self.assign_shift, 1, 1)
        grid.addWidget(self.assign_labels["from"], 1, 2)
        grid.addWidget(self.valid_from, 1, 3)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.assign_button)
        grid.addLayout(buttons, 2, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.assignments_table, 1)
        layout.addWidget(self.assign_box)
        self.tabs.addTab(tab, "")

    # ---- data -------------------------------------------------------------
    def refresh(self) -> None:
        repo = self.context.repo
        self.shifts = repo.shifts.all()
        self.employees = repo.employees.all(include_inactive=False)
        self.latest = repo.shifts.latest()
        self._fill_shifts()
        self._fill_assignments()
        self._fill_choices()

    def _fill_shifts(self) -> None:
        self.table.setRowCount(len(self.shifts))
        for row, shift in enumerate(self.shifts):
            for column, value in enumerate(self._shift_values(shift)):
                self.table.setItem(row, column, cell(value, shift.id if column == 0 else None))

    def _shift_values(self, shift: StoredShift) -> tuple[str, ...]:
        times = f"{shift.start}–{shift.end}"
        if shift.end <= shift.start:
            times = self.tr("{times} (next day)").format(times=times)
        breaks = ", ".join(f"{begin}–{end}" for begin, end in shift.breaks) or self.tr("none")
        calendar = self.tr("Statutory holidays off") if shift.statutory_calendar else self.tr("Own weekdays only")
        return (
            shift.name, times, breaks, self.tr("{minutes} min").format(minutes=shift.late_grace_min),
            self.tr("{minutes} min").format(minutes=shift.early_grace_min), weekdays_text(shift.workdays), calendar,
        )  # fmt: skip

    def _fill_assignments(self) -> None:
        self.assignments_table.setRowCount(len(self.employees))
        for row, employee in enumerate(self.employees):
            assignment = self.latest.get(employee.id)
            if assignment is None:
                shift, since = self.tr("no shift yet"), ""
            else:
                shift = assignment.shift_name
                since = self.tr("from the start") if assignment.valid_from == EARLIEST else (
                    assignment.valid_from.isoformat())  # fmt: skip
            values = (employee.code, employee.name, employee.department, shift, since)
            for column, value in enumerate(values):
                self.assignments_table.setItem(row, column, cell(value, employee.id if column == 0 else None))

    def _fill_choices(self) -> None:
        """The assign form's people and shifts, keeping the choices: a department's data is its name (text),
        a person's their id (a number)."""
        who, shift = self.who.currentData(), self.assign_shift.currentData()
        self.who.clear()
        for department in sorted({e.department for e in self.employees if e.department}):
            self.who.addItem(self.tr("Department {department} (everyone active)").format(department=department),
                             department)  # fmt: skip
        for employee in self.employees:
            self.who.addItem(f"{employee.code}  {employee.name}", employee.id)
        self.who.setCurrentIndex(max(0, self.who.findData(who)))
        self.assign_shift.clear()
        for stored in self.shifts:
            self.assign_shift.addItem(stored.name, stored.name)
        self.assign_shift.setCurrentIndex(max(0, self.assign_shift.findData(shift)))
        self.assign_button.setEnabled(self.who.count() > 0 and self.assign_shift.count() > 0)

    def select_shift(self, name: str) -> bool:
        for row, shift in enumerate(self.shifts):
            if shift.name == name:
                self.table.selectRow(row)
                return True
        return False

    def _run(self, action: Callable[[], object], done: Callable[[], str]) -> bool:
        return run_and_say(self.status, action, done, self.refresh)

    # ---- actions ----------------------------------------------------------
    def typed_shift(self) -> Shift:
        """The form as a checked :class:`Shift`; :class:`InputError` (one line) if it cannot be one."""
        return validate_shift(
            Shift(
                name=self.name.text().strip(), start=_py_time(self.start.time()), end=_py_time(self.end.time()),
                breaks=parse_breaks(self.breaks.text()), late_grace_min=self.late_grace.value(),
                early_grace_min=self.early_grace.value(),
                workdays=frozenset(day for day, box in enumerate(self.weekdays) if box.isChecked()),
                statutory_calendar=self.statutory.isChecked(),
            )
        )  # fmt: skip

    def add_shift(self) -> bool:
        """Store the typed shift (audited); the form's name is cleared for the next one."""
        added: list[StoredShift] = []

        def action() -> None:
            added.append(self.context.repo.shifts.add(**shift_fields(self.typed_shift()), actor=ACTOR))

        if not self._run(action, lambda: self.tr("Shift {name} added.").format(name=added[0].name)):
            return False
        self.select_shift(added[0].name)
        self.name.clear()
        return True

    def assign(self) -> bool:
        """From the chosen date on, the chosen person or department works the chosen shift (audited)."""
        target, shift_name = self.who.currentData(), self.assign_shift.currentData()
        if target is None or shift_name is None:
            return False
        valid_from: date = to_date(self.valid_from.date())
        repo = self.context.repo
        if isinstance(target, str):
            department = target
            count: list[int] = []

            def assign_all() -> None:
                count.append(len(repo.shifts.assign_department(department, shift_name, valid_from, ACTOR)))

            def assigned() -> str:
                return self.tr("{count} people of {department} work {shift} from {day}.").format(
                    count=count[0], department=department, shift=shift_name, day=valid_from.isoformat()
                )

            return self._run(assign_all, assigned)
        employee_id = int(target)
        employee = next((e for e in self.employees if e.id == employee_id), None)
        name = employee.name if employee else ""
        return self._run(
            lambda: repo.shifts.assign(employee_id, shift_name, valid_from, ACTOR),
            lambda: self.tr("{name} works {shift} from {day}.").format(
                name=name, shift=shift_name, day=valid_from.isoformat()),
        )  # fmt: skip

    # ---- language ---------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Shifts"))
        self.header.title.setText(self.tr("Shifts"))
        self.tabs.setTabText(0, self.tr("Shifts"))
        self.tabs.setTabText(1, self.tr("Who works which shift"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Time"), self.tr("Unpaid breaks"), self.tr("Late after"),
             self.tr("Early before"), self.tr("Workdays"), self.tr("Calendar")]
        )  # fmt: skip
        self.assignments_table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Name"), self.tr("Department"), self.tr("Shift"), self.tr("From")]
        )
        self.form.setTitle(self.tr("New shift"))
        texts = {"name": self.tr("Name"), "start": self.tr("Starts"), "end": self.tr("Ends"),
                 "breaks": self.tr("Unpaid breaks"), "late": self.tr("Late after"), "early": self.tr("Early before"),
                 "days": self.tr("Workdays")}  # fmt: skip
        for key, text in texts.items():
            self.form_labels[key].setText(text)
        self.name.setPlaceholderText(self.tr("e.g. Day shift"))
        self.breaks.setPlaceholderText(self.tr("e.g. 12:00-13:00"))
        for spin in (self.late_grace, self.early_grace):
            spin.setSuffix(self.tr(" min"))
        for day, box in enumerate(self.weekdays):
            box.setText(weekday_name(day))
        self.statutory.setText(self.tr("Statutory holidays off, make-up workdays on"))
        self.add_button.setText(self.tr("Add shift"))
        self.assign_box.setTitle(self.tr("Assign a shift"))
        self.assign_labels["who"].setText(self.tr("Who"))
        self.assign_labels["shift"].setText(self.tr("Shift"))
        self.assign_labels["from"].setText(self.tr("From"))
        self.assign_button.setText(self.tr("Assign"))
        if self.shifts or self.employees:
            self._fill_shifts()
            self._fill_assignments()
            self._fill_choices()
