"""The month timesheet on the Reports page: one row per person, one coloured symbol per day, the totals.

Built from :func:`kiosk.reports.timesheet_query.load_timesheet`, the same
timesheet ``kiosk export --format xlsx`` writes, with the workbook's own
symbols and colours (:data:`kiosk.reports.xlsx.STATUS_SYMBOLS`,
:data:`~kiosk.reports.xlsx.STATUS_COLOURS`), so the screen and the file
cannot disagree. "Export xlsx…" writes that timesheet with
:func:`~kiosk.reports.xlsx.write_timesheet_xlsx` in the screen language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.attendance.calendar import WorkCalendar
from kiosk.attendance.records import DayStatus, PersonDay, PersonPeriod, Timesheet
from kiosk.errors import KioskError
from kiosk.reports.timesheet_query import load_timesheet
from kiosk.reports.xlsx import STATUS_COLOURS, STATUS_NAMES, STATUS_SYMBOLS, period_days, write_timesheet_xlsx
from kiosk.ui.admin.common import Words, cell, error_style, make_table, to_date, to_qdate
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.file_dialogs import file_dialog
from kiosk.ui.style import BORDER

translate = QCoreApplication.translate


def screen_language() -> str:
    """The language the screen is drawn in now (the translator sets the default locale): ``zh_CN`` or ``en``."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def month_period(first: date) -> tuple[date, date]:
    """The first and last day of ``first``'s month."""
    first = first.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def hours(minutes: int) -> str:
    """Minutes as hours with two decimals, as the workbook shows them."""
    return f"{minutes / 60:.2f}"


def summary_titles() -> list[str]:
    """Titles of the totals after the day columns, in the screen language."""
    return [
        translate("MonthTimesheet", "Scheduled days"), translate("MonthTimesheet", "Days present"),
        translate("MonthTimesheet", "Late (times)"), translate("MonthTimesheet", "Late (min)"),
        translate("MonthTimesheet", "Early leave (times)"), translate("MonthTimesheet", "Early leave (min)"),
        translate("MonthTimesheet", "Missing punches"), translate("MonthTimesheet", "Absent days"),
        translate("MonthTimesheet", "Leave (h)"), translate("MonthTimesheet", "Overtime, workdays (h)"),
        translate("MonthTimesheet", "Overtime, rest days (h)"), translate("MonthTimesheet", "Overtime, holidays (h)"),
        translate("MonthTimesheet", "Worked (h)"),
    ]  # fmt: skip


def summary_values(person: PersonPeriod) -> list[str]:
    return [
        str(person.scheduled_days), str(person.days_present), str(person.late_count), str(person.late_minutes),
        str(person.early_leave_count), str(person.early_leave_minutes), str(person.missing_punch_count),
        str(person.absent_days), hours(person.leave_minutes), hours(person.overtime_workday_minutes),
        hours(person.overtime_restday_minutes), hours(person.overtime_holiday_minutes), hours(person.worked_minutes),
    ]  # fmt: skip


def day_tooltip(day: PersonDay, language: str) -> str:
    """What a day cell means, with its punches: shown when the admin holds a finger or the mouse on it."""
    lines = [f"{day.day.isoformat()}  {STATUS_NAMES[language][day.status]}"]
    if day.first_in is not None:
        last = f" – {day.last_out:%H:%M}" if day.last_out is not None else ""
        lines.append(f"{day.first_in:%H:%M}{last}")
    return "\n".join(lines)


class MonthTimesheetView(QWidget):
    """A month picker, the month grid with totals, its legend, and "Export xlsx…".

    ``say(words, error)`` shows an outcome in the page's status line.
    """

    FIXED_COLUMNS = 2  # code, name

    def __init__(
        self, context: AdminContext, say: Callable[[Words, bool], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.say = say
        self.timesheet: Timesheet | None = None
        self.language = screen_language()
        self.file_dialog: QFileDialog | None = None
        self.month = QDateEdit(to_qdate(context.clock().date().replace(day=1)), self)
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        self.month.dateChanged.connect(lambda _day: self.refresh())
        self.previous_button, self.next_button = QPushButton("‹", self), QPushButton("›", self)
        self.previous_button.clicked.connect(lambda: self.month.setDate(self.month.date().addMonths(-1)))
        self.next_button.clicked.connect(lambda: self.month.setDate(self.month.date().addMonths(1)))
        for button in (self.previous_button, self.next_button):
            button.setMaximumWidth(48)
        self.department = QComboBox(self)
        self.department.currentIndexChanged.connect(lambda _index: self.refresh())
        self.export_button = QPushButton(self)
        self.export_button.setMinimumHeight(38)
        self.export_button.clicked.connect(self.choose_export)
        self.labels = {key: QLabel(self) for key in ("month", "department")}
        self.notice = error_style(QLabel(self))
        self.notice.hide()
        self.table = make_table(self, self.FIXED_COLUMNS)
        self.legend = {status: QLabel(self) for status in DayStatus}
        for status, label in self.legend.items():
            fill, ink = STATUS_COLOURS.get(status, ("#ffffff", "#222222"))
            label.setStyleSheet(f"QLabel {{ background: {fill}; color: {ink}; border: 1px solid {BORDER}; "
                                "padding: 1px 6px; }")  # fmt: skip
        self.legend_grid = QGridLayout()
        self.legend_grid.setHorizontalSpacing(6)
        self.legend_grid.setVerticalSpacing(3)
        # Four to a row: the legend must fit a portrait tablet's width too, also while its tab is hidden.
        for index, label in enumerate(self.legend.values()):
            self.legend_grid.addWidget(label, index // 4, index % 4)
        controls = QHBoxLayout()
        controls.addWidget(self.labels["month"])
        controls.addWidget(self.previous_button)
        controls.addWidget(self.month)
        controls.addWidget(self.next_button)
        controls.addWidget(self.labels["department"])
        controls.addWidget(self.department)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.legend_grid)
        self.retranslate()

    # ---- data -------------------------------------------------------------
    @property
    def period(self) -> tuple[date, date]:
        return month_period(to_date(self.month.date()))

    @property
    def department_name(self) -> str | None:
        name = self.department.currentData()
        return name if isinstance(name, str) else None

    def _fill_departments(self) -> None:
        current = self.department.currentData()
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(translate("MonthTimesheet", "All departments"), None)
        for name in self.context.repo.employees.departments():
            self.department.addItem(name, name)
        self.department.setCurrentIndex(max(0, self.department.findData(current)))
        self.department.blockSignals(False)

    def refresh(self) -> None:
        """Evaluate the chosen month (days from today on are "not over yet") and draw it."""
        self._fill_departments()
        start, end = self.period
        try:
            self.timesheet = load_timesheet(
                self.context.repo, start, end, today=self.context.clock().date(), department=self.department_name
            )
        except KioskError as exc:
            self.timesheet = None
            error = str(exc)
            self.say(error, True)
        self._fill()

    def _fill(self) -> None:
        self.language = screen_language()
        timesheet = self.timesheet
        days = period_days(timesheet) if timesheet is not None else []
        people = timesheet.people if timesheet is not None else ()
        totals = summary_titles()
        self.table.clear()
        self.table.setColumnCount(self.FIXED_COLUMNS + len(days) + len(totals))
        weekdays = [QLocale().dayName(day.isoweekday(), QLocale.FormatType.NarrowFormat) for day in days]
        self.table.setHorizontalHeaderLabels(
            [translate("MonthTimesheet", "Code"), translate("MonthTimesheet", "Name")]
            + [f"{day.day}\n{weekday}" for day, weekday in zip(days, weekdays, strict=True)]
            + totals
        )
        self.table.setRowCount(len(people))
        symbols = STATUS_SYMBOLS[self.language]
        for row, person in enumerate(people):
            self.table.setItem(row, 0, cell(person.code, person.employee_id))
            self.table.setItem(row, 1, cell(person.name))
            by_day = {day.day: day for day in person.days}
            for offset, day in enumerate(days):
                known = by_day.get(day)
                if known is None:
                    continue
                item = cell(symbols[known.status], known.status.value)
                colours = STATUS_COLOURS.get(known.status)
                if colours is not None:
                    item.setBackground(QColor(colours[0]))
                    item.setForeground(QColor(colours[1]))
                item.setToolTip(day_tooltip(known, self.language))
                self.table.setItem(row, self.FIXED_COLUMNS + offset, item)
            for offset, value in enumerate(summary_values(person)):
                self.table.setItem(row, self.FIXED_COLUMNS + len(days) + offset, cell(value))
        notices = timesheet.notices if timesheet is not None else ()
        self.notice.setVisible(bool(notices))
        if notices and timesheet is not None:
            years = [str(year) for year in WorkCalendar.unknown_years(timesheet.start, timesheet.end)]
            self.notice.setText(
                translate(
                    "MonthTimesheet",
                    "Statutory holidays for {years} are not known to this version; only the company's own dates apply.",
                ).format(years=", ".join(years))
            )
        for status, label in self.legend.items():
            label.setText(f"{STATUS_SYMBOLS[self.language][status]}  {STATUS_NAMES[self.language][status]}")

    def status_at(self, code: str, day: date) -> DayStatus | None:
        """The status drawn in ``code``'s row on ``day`` (None when no such cell)."""
        if self.timesheet is None:
            return None
        start, _ = self.period
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text() == code:
                found = self.table.item(row, self.FIXED_COLUMNS + (day - start).days)
                value = found.data(Qt.ItemDataRole.UserRole) if found is not None else None
                return DayStatus(value) if value else None
        return None

    # ---- export -----------------------------------------------------------
    def export_xlsx(self, path: str | Path) -> bool:
        """Write the month shown to the workbook ``path`` in the screen language; say how it went."""
        if self.timesheet is None:
            return False
        language = screen_language()
        try:
            write_timesheet_xlsx(self.timesheet, path, language=language)
        except (KioskError, OSError) as exc:
            error = str(exc)
            self.say(lambda: translate("MonthTimesheet", "Not exported: {error}").format(error=error), True)
            return False
        people = len(self.timesheet.people)
        self.say(lambda: translate("MonthTimesheet", "Exported the timesheet of {people} people to {path}.").format(
            people=people, path=path), False)  # fmt: skip
        return True

    def choose_export(self) -> None:
        start, _ = self.period
        dialog = file_dialog(self, translate("MonthTimesheet", "Export xlsx"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.setNameFilter(translate("MonthTimesheet", "Excel workbooks (*.xlsx)"))
        dialog.selectFile(f"timesheet-{start:%Y-%m}.xlsx")
        dialog.fileSelected.connect(self.export_xlsx)
        dialog.finished.connect(lambda _result: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    # ---- shape and language -------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def retranslate(self) -> None:
        self.labels["month"].setText(translate("MonthTimesheet", "Month"))
        self.labels["department"].setText(translate("MonthTimesheet", "Department"))
        self.export_button.setText(translate("MonthTimesheet", "Export xlsx…"))
        self.previous_button.setToolTip(translate("MonthTimesheet", "Previous month"))
        self.next_button.setToolTip(translate("MonthTimesheet", "Next month"))
        if self.department.count():
            self.department.setItemText(0, translate("MonthTimesheet", "All departments"))
        self._fill()
