"""Doors (HR workstation, on the company server): which login is which door, and one door's day.

A kiosk's database login may write only once HR registers it here as a door,
bound to the device id its check-ins carry (``repo.doors``; the server's
row-level security enforces it, see the roles file). The first tab lists the
doors, the door logins not registered yet and, after an upgrade, the device
ids seen in check-ins before it, "to confirm": HR picks the login of each.
A kiosk that is not registered says so after every sync, naming its login and
its device id, which is what HR types here. Removing a door (with a reason,
audited) stops its login writing at once: what to do first when a kiosk's
password may be stolen. The second tab lists one door's check-ins on one
day, for HR to review them (and correct them on the Corrections page).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.attendance.days import events_on_local_days
from kiosk.errors import KioskError
from kiosk.storage.doors import Door
from kiosk.storage.models import AttendanceEvent, Employee
from kiosk.ui.admin.common import (
    AdminPage,
    StatusLine,
    cell,
    format_local,
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


class DoorsPage(AdminPage):
    """The doors on the server: register, confirm and remove them; review one door's day.

    Signals:
        door_changed(): a door was registered or removed (the list was read again).
    """

    door_changed = Signal()
    COLUMNS = 5
    DAY_COLUMNS = 6

    def __init__(self, context: AdminContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.doors: list[Door] = []
        self.day_events: list[AttendanceEvent] = []
        self.employees: dict[int, Employee] = {}
        self.tabs = QTabWidget(self)

        self.list_tab = QWidget(self.tabs)
        self.explanation = QLabel(self.list_tab)
        self.explanation.setWordWrap(True)
        self.table = make_table(self.list_tab, self.COLUMNS)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        self.login = QComboBox(self.list_tab)
        self.login.setEditable(True)
        self.device = QComboBox(self.list_tab)
        self.device.setEditable(True)
        self.register_button = QPushButton(self.list_tab)
        self.register_button.clicked.connect(self.register_door)
        self.reason = QLineEdit(self.list_tab)
        self.reason.textChanged.connect(self._update_buttons)
        self.remove_button = QPushButton(self.list_tab)
        self.remove_button.setStyleSheet(destructive_button_style())
        self.remove_button.clicked.connect(self.remove_door)
        self.review_button = QPushButton(self.list_tab)
        self.review_button.clicked.connect(self._on_review_clicked)

        self.day_tab = QWidget(self.tabs)
        self.day_door = QComboBox(self.day_tab)
        self.day_door.currentIndexChanged.connect(self.show_day)
        self.day = QDateEdit(to_qdate(context.clock().date()), self.day_tab)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(self.show_day)
        self.day_table = make_table(self.day_tab, self.DAY_COLUMNS)
        self.day_summary = QLabel(self.day_tab)
        self.status = StatusLine(self)

        keys = ("login", "device", "reason", "day_door", "day")
        self.labels = {key: QLabel(self) for key in keys}
        self._lay_out()
        self.retranslate()
        self.refresh()

    def _lay_out(self) -> None:
        form = QGridLayout()
        form.addWidget(self.labels["login"], 0, 0)
        form.addWidget(self.login, 0, 1)
        form.addWidget(self.labels["device"], 0, 2)
        form.addWidget(self.device, 0, 3)
        form.addWidget(self.register_button, 0, 4)
        form.addWidget(self.labels["reason"], 1, 0)
        form.addWidget(self.reason, 1, 1, 1, 3)
        form.addWidget(self.remove_button, 1, 4)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        review = QHBoxLayout()
        review.addStretch(1)
        review.addWidget(self.review_button)
        list_layout = QVBoxLayout(self.list_tab)
        list_layout.addWidget(self.explanation)
        list_layout.addWidget(self.table, 1)
        list_layout.addLayout(form)
        list_layout.addLayout(review)

        pick = QHBoxLayout()
        for key, widget in (("day_door", self.day_door), ("day", self.day)):
            pick.addWidget(self.labels[key])
            pick.addWidget(widget)
        pick.addStretch(1)
        day_layout = QVBoxLayout(self.day_tab)
        day_layout.addLayout(pick)
        day_layout.addWidget(self.day_table, 1)
        day_layout.addWidget(self.day_summary)

        self.tabs.addTab(self.list_tab, "")
        self.tabs.addTab(self.day_tab, "")
        for button in (self.register_button, self.remove_button, self.review_button):
            button.setMinimumHeight(38)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

    # ---- data -------------------------------------------------------------
    def refresh(self) -> None:
        try:
            self.doors = self.context.repo.doors.all()
            candidates = self.context.repo.doors.candidates()
            self.employees = {employee.id: employee for employee in self.context.repo.employees.all()}
        except KioskError as exc:
            self.status.say(str(exc), ok=False)
            return
        self._fill_table()
        _refill(self.login, candidates.logins)
        _refill(self.device, candidates.device_ids)
        current = self.day_door.currentData()
        self.day_door.blockSignals(True)
        self.day_door.clear()
        for door in self.doors:
            self.day_door.addItem(f"{door.device_id}  ({door.role_name or '?'})", door.device_id)
        self.day_door.setCurrentIndex(max(0, self.day_door.findData(current)))
        self.day_door.blockSignals(False)
        self.show_day()
        self._update_buttons()

    def _fill_table(self) -> None:
        zone = local_zone(self.context)
        self.table.setRowCount(len(self.doors))
        for row, door in enumerate(self.doors):
            state = self.tr("Registered") if door.confirmed else self.tr("Seen before the upgrade: confirm its login")
            values = (door.device_id, door.role_name or "", state, door.registered_by,
                      format_local(door.registered_at, zone))  # fmt: skip
            for column, value in enumerate(values):
                self.table.setItem(row, column, cell(value, door.device_id if column == 0 else None))

    def selected(self) -> Door | None:
        return selected_row(self.table, self.doors)

    def select_door(self, device_id: str) -> bool:
        return select_row_where(self.table, self.doors, lambda door: door.device_id == device_id)

    def _on_selection_changed(self) -> None:
        door = self.selected()
        if door is not None:
            self.device.setCurrentText(door.device_id)
            if door.role_name:
                self.login.setCurrentText(door.role_name)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.selected() is not None
        self.remove_button.setEnabled(selected and bool(self.reason.text().strip()))
        self.review_button.setEnabled(selected)

    # ---- changes ----------------------------------------------------------
    def register_door(self) -> bool:
        """Register (or confirm) the typed login as the door with the typed device id."""
        login, device = self.login.currentText().strip(), self.device.currentText().strip()
        try:
            self.context.repo.doors.register(login, device, actor=ACTOR)
        except KioskError as exc:
            self.status.say(str(exc), ok=False)
            return False
        self.status.say(
            lambda: self.tr("{login} is the door {device} now: it may send its check-ins.").format(
                login=login.lower(), device=device
            )
        )
        self.refresh()
        self.select_door(device)
        self.door_changed.emit()
        return True

    def remove_door(self) -> bool:
        """Unregister the selected door (its login writes nothing from now on), with the typed reason."""
        door = self.selected()
        if door is None or not self.reason.text().strip():
            return False
        try:
            self.context.repo.doors.remove(door.device_id, reason=self.reason.text(), actor=ACTOR)
        except KioskError as exc:
            self.status.say(str(exc), ok=False)
            return False
        self.status.say(
            lambda: self.tr("The door {device} is removed: its login can write nothing now.").format(
                device=door.device_id
            )
        )
        self.reason.clear()
        self.refresh()
        self.door_changed.emit()
        return True

    # ---- one door's day -----------------------------------------------------
    def review(self, device_id: str, day: date | None = None) -> None:
        """Show the check-ins of the door ``device_id`` on ``day`` (default: the one picked)."""
        if day is not None:
            self.day.blockSignals(True)
            self.day.setDate(to_qdate(day))
            self.day.blockSignals(False)
        index = self.day_door.findData(device_id)
        if index < 0:
            self.day_door.addItem(device_id, device_id)
            index = self.day_door.count() - 1
        self.day_door.blockSignals(True)
        self.day_door.setCurrentIndex(index)
        self.day_door.blockSignals(False)
        self.tabs.setCurrentWidget(self.day_tab)
        self.show_day()

    def _on_review_clicked(self) -> None:
        door = self.selected()
        if door is not None:
            self.review(door.device_id)

    def show_day(self) -> None:
        """Fill the day tab: the picked door's check-ins on the picked local day, oldest first."""
        device_id = self.day_door.currentData()
        day = to_date(self.day.date())
        try:
            events = events_on_local_days(self.context.repo, day, day) if device_id else []
        except KioskError as exc:
            self.status.say(str(exc), ok=False)
            return
        self.day_events = [event for event in events if event.device_id == device_id]
        self.day_table.setRowCount(len(self.day_events))
        for row, event in enumerate(self.day_events):
            employee = self.employees.get(event.employee_id)
            values = (
                event.at_local.strftime("%H:%M:%S"),
                employee.code if employee else "",
                employee.name if employee else "",
                kind_text(event.kind),
                source_text(event.source),
                event.note,
            )
            for column, value in enumerate(values):
                self.day_table.setItem(row, column, cell(value, event.id if column == 0 else None))
        self._say_day_summary()

    def _say_day_summary(self) -> None:
        count = len(self.day_events)
        self.day_summary.setText(
            self.tr("%n check-in(s) from this door on this day; correct them on the Corrections page.", "", count)
        )

    # ---- language ---------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Doors"))
        self.header.title.setText(self.tr("Doors"))
        self.explanation.setText(
            self.tr(
                "A kiosk's login may send check-ins only once it is registered here, and only under its own "
                "device id. A kiosk that is not registered names its login and device id after each sync. "
                "Doors seen in check-ins before the upgrade are listed to confirm: choose the login of each."
            )
        )
        self.labels["login"].setText(self.tr("Login"))
        self.labels["device"].setText(self.tr("Device id"))
        self.labels["reason"].setText(self.tr("Reason (required to remove)"))
        self.labels["day_door"].setText(self.tr("Door"))
        self.labels["day"].setText(self.tr("Day"))
        self.reason.setPlaceholderText(self.tr("e.g. kiosk stolen; its password is revoked"))
        self.register_button.setText(self.tr("Register door"))
        self.remove_button.setText(self.tr("Remove selected door"))
        self.review_button.setText(self.tr("Review this door's day"))
        self.tabs.setTabText(0, self.tr("Doors"))
        self.tabs.setTabText(1, self.tr("A door's day"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Device id"), self.tr("Login"), self.tr("State"), self.tr("Registered by"),
             self.tr("Registered at")]
        )  # fmt: skip
        self.day_table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Code"), self.tr("Name"), self.tr("Type"), self.tr("Source"), self.tr("Note")]
        )
        if self.doors:
            self._fill_table()
        if self.day_events:
            self.show_day()
        self._say_day_summary()


def _refill(combo: QComboBox, items: list[str]) -> None:
    """Offer ``items`` in an editable combo, keeping what is typed there."""
    typed = combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    combo.addItems(items)
    combo.setCurrentText(typed)
    combo.blockSignals(False)
