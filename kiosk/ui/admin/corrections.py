"""Manual attendance corrections: add a forgotten check-out, fix a wrong type or
time, delete a mistaken event, always with a reason.

The repository writes the change and its audit entry (who, what, before and
after, the reason) in one transaction. Times are typed in the kiosk's local
time; a new event takes the kiosk's current UTC offset, a fixed one keeps its own.
On a kiosk syncing with a company server, events the server already holds are
corrected on the HR workstation; the repository refuses them here.

Punches stamped while the kiosk's clock looked wrong carry the ``clock_suspect``
flag (:mod:`kiosk.attendance.clock_check`), whatever date that clock gave them:
a line counts them, "Only punches to check" lists them all, and HR confirms
each time (the flag goes, audited) or fixes it (a new time clears the flag too).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta, timezone

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.attendance.days import events_on_local_days
from kiosk.errors import KioskError
from kiosk.storage.events import EventOnServerError
from kiosk.storage.models import AttendanceEvent, Employee, EventFlag, offset_minutes
from kiosk.ui.admin.audit_text import action_text, detail_text
from kiosk.ui.admin.common import (
    AdminPage,
    StatusLine,
    cell,
    date_range_edits,
    error_style,
    flag_text,
    kind_text,
    local_zone,
    make_table,
    select_row_where,
    selected_row,
    source_text,
    to_date,
    to_qdate,
)
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.style import destructive_button_style

ACTOR = "admin"


class CorrectionsPage(AdminPage):
    """Events for a date range (and optionally one employee), and the corrections.

    The correction buttons stay disabled until a reason is typed; fix and
    delete also need a selected event, and confirm one flagged ``clock_suspect``.
    """

    COLUMNS = 8

    def __init__(self, context: AdminContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.events: list[AttendanceEvent] = []
        self.employees: dict[int, Employee] = {}
        today = context.clock().date()
        self.start, self.end = date_range_edits(self, today, self.refresh)
        self.filter_employee = QComboBox(self)
        self.filter_employee.currentIndexChanged.connect(self.refresh)
        self.only_flagged = QCheckBox(self)
        self.only_flagged.hide()
        self.only_flagged.toggled.connect(self.refresh)
        self.flagged_count = 0
        """Punches flagged ``clock_suspect`` (any date, any employee) at the last refresh."""
        self.flagged_note = error_style(QLabel(self))
        self.flagged_note.hide()
        self.table = make_table(self, self.COLUMNS)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)

        self.editor = QGroupBox(self)
        self.employee = QComboBox(self.editor)
        self.kind = QComboBox(self.editor)
        self.kind.addItem("", "in")
        self.kind.addItem("", "out")
        self.when = QDateTimeEdit(self.editor)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        now = context.clock()
        self.when.setDateTime(QDateTime(to_qdate(now.date()), QTime(now.hour, now.minute)))
        self.reason = QLineEdit(self.editor)
        self.reason.textChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.editor)
        self.fix_button = QPushButton(self.editor)
        self.delete_button = QPushButton(self.editor)
        self.confirm_button = QPushButton(self.editor)
        self.confirm_button.clicked.connect(self.confirm_event)
        self.delete_button.setStyleSheet(destructive_button_style())
        self.add_button.clicked.connect(self.add_event)
        self.fix_button.clicked.connect(self.fix_event)
        self.delete_button.clicked.connect(self.delete_event)
        self.status = StatusLine(self)

        self.labels = {name: QLabel(self) for name in ("from", "to", "who", "employee", "kind", "when", "reason")}
        filters = QHBoxLayout()
        for label, widget in (("from", self.start), ("to", self.end), ("who", self.filter_employee)):
            filters.addWidget(self.labels[label])
            filters.addWidget(widget)
        filters.addStretch(1)
        # Only while there are punches to check: the count, and a way to list them all.
        to_check = QHBoxLayout()
        to_check.addWidget(self.flagged_note, 1)
        to_check.addWidget(self.only_flagged)
        form = QFormLayout()
        form.addRow(self.labels["employee"], self.employee)
        form.addRow(self.labels["kind"], self.kind)
        form.addRow(self.labels["when"], self.when)
        form.addRow(self.labels["reason"], self.reason)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.fix_button, self.confirm_button, self.delete_button):
            button.setMinimumHeight(38)
            buttons.addWidget(button)
        buttons.addStretch(1)
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.addLayout(form)
        editor_layout.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.header)
        layout.addLayout(filters)
        layout.addLayout(to_check)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor)
        layout.addWidget(self.status)
        self.retranslate()
        self.refresh()

    # ---- data -------------------------------------------------------------
    def refresh(self) -> None:
        employees = self.context.repo.employees.all()
        self.employees = {employee.id: employee for employee in employees}
        self._fill_employee_combos(employees)
        start, end = to_date(self.start.date()), to_date(self.end.date())
        flagged = self.context.repo.events.flagged(EventFlag.CLOCK_SUSPECT)
        self.flagged_count = len(flagged)
        who = self.filter_employee.currentData()
        if self.only_flagged.isChecked():
            self.events = [event for event in flagged if who is None or event.employee_id == who]
        elif end < start:
            self.events = []
        else:
            self.events = events_on_local_days(self.context.repo, start, end, who)
        self._say_flagged()
        self._fill_table()
        self._update_buttons()

    def _fill_employee_combos(self, employees: list[Employee]) -> None:
        for combo, with_all in ((self.filter_employee, True), (self.employee, False)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            if with_all:
                combo.addItem(self.tr("All employees"), None)
            for employee in employees:
                combo.addItem(f"{employee.code}  {employee.name}", employee.id)
            index = combo.findData(current)
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.events))
        for row, event in enumerate(self.events):
            employee = self.employees.get(event.employee_id)
            local = event.at_local
            values = (
                local.strftime("%Y-%m-%d"),
                local.strftime("%H:%M:%S"),
                employee.code if employee else "",
                employee.name if employee else "",
                kind_text(event.kind),
                source_text(event.source),
                event.note,
                ", ".join(flag_text(flag) for flag in event.flags),
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, cell(value, event.id if column == 0 else None))

    def selected(self) -> AttendanceEvent | None:
        return selected_row(self.table, self.events)

    def select_event(self, event_id: int) -> bool:
        return select_row_where(self.table, self.events, lambda event: event.id == event_id)

    def _on_selection_changed(self) -> None:
        event = self.selected()
        if event is not None:
            local = event.at_local
            self.employee.setCurrentIndex(max(0, self.employee.findData(event.employee_id)))
            self.kind.setCurrentIndex(self.kind.findData(event.kind))
            self.when.setDateTime(QDateTime(to_qdate(local.date()), QTime(local.hour, local.minute, local.second)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_reason = bool(self.reason.text().strip())
        has_event = self.selected() is not None
        self.add_button.setEnabled(has_reason and self.employee.count() > 0)
        self.fix_button.setEnabled(has_reason and has_event)
        self.delete_button.setEnabled(has_reason and has_event)
        selected = self.selected()
        self.confirm_button.setEnabled(
            has_reason and selected is not None and EventFlag.CLOCK_SUSPECT in selected.flags
        )

    def _say_flagged(self) -> None:
        self.flagged_note.setVisible(self.flagged_count > 0)
        self.only_flagged.setVisible(self.flagged_count > 0 or self.only_flagged.isChecked())
        self.flagged_note.setText(
            self.tr("%n punch(es) stamped while the kiosk's clock looked wrong: confirm or fix each "
                    "(tick “Only punches to check”).", "", self.flagged_count)
        )

    def _manual_device_id(self) -> str:
        """The device id a punch added here carries: on a kiosk that syncs with a server, the kiosk's own
        (a door may send only check-ins under its own id, :mod:`kiosk.sync.door`); elsewhere ``admin``."""
        from kiosk.sync.device import event_device_id
        from kiosk.wiring import SettingsMode

        if self.context.settings_mode() is not SettingsMode.MANAGED:
            return "admin"
        return event_device_id(self.context.repo, self.context.settings.device_id)

    def _typed_local(self) -> datetime:
        value = self.when.dateTime()
        day, clock_time = value.date(), value.time()
        return datetime.combine(
            to_date(day), time(clock_time.hour(), clock_time.minute(), clock_time.second())
        )

    def _finish(self, action: Callable[[], object], done: Callable[[], str], select_id: int | None = None) -> bool:
        try:
            result = action()
        except EventOnServerError:
            # A kiosk syncing with a server: the engine refused, this says it in the screen language.
            self.status.say(
                lambda: self.tr("This check-in is already on the server; correct it on the HR workstation."), ok=False
            )
            return False
        except KioskError as exc:
            self.status.say(str(exc), ok=False)
            return False
        self.status.say(done)
        self.reason.clear()
        self.refresh()
        if select_id is None and isinstance(result, AttendanceEvent):
            select_id = result.id
        if select_id is not None:
            self.select_event(select_id)
        return True

    # ---- corrections ------------------------------------------------------
    def add_event(self) -> bool:
        """Add a manual event for the chosen employee at the typed local time."""
        employee_id = self.employee.currentData()
        if employee_id is None or not self.reason.text().strip():
            return False
        at_local = self._typed_local().replace(tzinfo=local_zone(self.context))
        return self._finish(
            lambda: self.context.repo.events.add_manual(
                employee_id, self.kind.currentData(), at_local.astimezone(UTC),
                offset_minutes(at_local), self.reason.text(), actor=ACTOR, device_id=self._manual_device_id(),
            ),
            lambda: self.tr("Event added; the audit log records it with your reason."),
        )

    def fix_event(self) -> bool:
        """Give the selected event the chosen type and time (in the event's own UTC offset)."""
        event = self.selected()
        if event is None or event.id is None or not self.reason.text().strip():
            return False
        event_id = event.id
        zone = timezone(timedelta(minutes=event.utc_offset_minutes))
        at_local = self._typed_local().replace(tzinfo=zone)
        kind = self.kind.currentData()
        return self._finish(
            lambda: self.context.repo.events.update(
                event_id, kind=kind, at_utc=at_local.astimezone(UTC), reason=self.reason.text(), actor=ACTOR,
            ),
            lambda: self.tr("Event corrected; the audit log records the old and new values."),
            event_id,
        )

    def confirm_event(self) -> bool:
        """The selected flagged punch's time stands: clear its ``clock_suspect`` flag (audited with the reason)."""
        event = self.selected()
        if event is None or event.id is None or not self.reason.text().strip():
            return False
        event_id = event.id
        return self._finish(
            lambda: self.context.repo.events.confirm(event_id, reason=self.reason.text(), actor=ACTOR),
            lambda: self.tr("Time confirmed; the audit log records it with your reason."),
            event_id,
        )

    def delete_event(self) -> bool:
        event = self.selected()
        if event is None or event.id is None or not self.reason.text().strip():
            return False
        event_id = event.id
        return self._finish(
            lambda: self.context.repo.events.delete(event_id, reason=self.reason.text(), actor=ACTOR),
            lambda: self.tr("Event deleted; the audit log keeps what it was and why."),
        )

    # ---- language ---------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Attendance corrections"))
        self.header.title.setText(self.tr("Attendance corrections"))
        self.labels["from"].setText(self.tr("From"))
        self.labels["to"].setText(self.tr("to"))
        self.labels["who"].setText(self.tr("Employee"))
        self.labels["employee"].setText(self.tr("Employee"))
        self.labels["kind"].setText(self.tr("Type"))
        self.labels["when"].setText(self.tr("Local time"))
        self.labels["reason"].setText(self.tr("Reason (required)"))
        self.reason.setPlaceholderText(self.tr("e.g. forgot to check out; confirmed by the team leader"))
        self.editor.setTitle(self.tr("Correction"))
        self.kind.setItemText(0, self.tr("Check-in"))
        self.kind.setItemText(1, self.tr("Check-out"))
        self.add_button.setText(self.tr("Add event"))
        self.fix_button.setText(self.tr("Fix selected event"))
        self.delete_button.setText(self.tr("Delete selected event"))
        self.confirm_button.setText(self.tr("Confirm its time"))
        self.only_flagged.setText(self.tr("Only punches to check"))
        self._say_flagged()
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Time"), self.tr("Code"), self.tr("Name"), self.tr("Type"),
             self.tr("Source"), self.tr("Note"), self.tr("To check")]
        )
        if self.filter_employee.count():
            self.filter_employee.setItemText(0, self.tr("All employees"))
        if self.events:
            self._fill_table()


class AuditPage(AdminPage):
    """The audit log, newest first: every admin action with who, what and why."""

    def __init__(self, context: AdminContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.entries: list = []
        self.table = make_table(self, 4)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.header)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.retranslate()

    def refresh(self) -> None:
        self.entries = self.context.repo.audit.entries()
        self._fill_table()

    def _fill_table(self) -> None:
        """Draw :attr:`entries` in the screen language (no database read)."""
        zone = local_zone(self.context)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            at_local = entry.at_utc.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
            values = (at_local, entry.actor, action_text(entry.action), detail_text(entry.detail))
            for column, value in enumerate(values):
                self.table.setItem(row, column, cell(value))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Audit log"))
        self.header.title.setText(self.tr("Audit log"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("By"), self.tr("Action"), self.tr("Details")])
        self._fill_table()  # actions and details are drawn in the screen language
