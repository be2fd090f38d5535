"""Reports for HR: daily summaries and per-employee totals over a date range, a
chart of attendance, and the same CSV exports as ``kiosk export`` (with the
header row in the screen language); and the month timesheet under shifts,
the work calendar and leave, exported as xlsx (:mod:`kiosk.ui.admin.reports_month`).

Summaries come from :func:`kiosk.attendance.days.daily_summaries`; the CSV files
from :mod:`kiosk.reports.csv_writer`, so the screen and the command line can never
disagree about hours or flags.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.attendance.days import DaySummary, EmployeeTotals, daily_summaries, employee_totals
from kiosk.errors import KioskError
from kiosk.reports.csv_writer import write_events_csv, write_summary_csv, write_totals_csv
from kiosk.reports.query import ReportQuery
from kiosk.ui.admin.common import (
    AdminPage,
    StatusLine,
    Words,
    cell,
    date_range_edits,
    flag_text,
    format_hours,
    make_table,
    to_date,
)
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.admin.reports_month import MonthTimesheetView
from kiosk.ui.file_dialogs import file_dialog
from kiosk.ui.style import ACCENT, MUTED, RED


def people_per_day(summaries: list[DaySummary], start: date, end: date) -> list[tuple[date, int]]:
    """How many different people have events on each day ``start``…``end`` (zero days included)."""
    counts = Counter(summary.day for summary in summaries)
    days = (end - start).days + 1
    every_day = (start + timedelta(days=offset) for offset in range(max(0, days)))
    return [(day, counts.get(day, 0)) for day in every_day]


class BarChart(QWidget):
    """Vertical bars with their value on top and a label under each.

    QtCharts is not part of PySide6-Essentials, and a bar per day is a few
    lines of ``QPainter``. More than ~31 bars get thin, so labels are thinned
    to every n-th bar.
    """

    BAR_COLOUR = QColor(ACCENT)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, int]] = []
        self.empty_text = ""
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: list[tuple[str, int]]) -> None:
        self.bars = list(bars)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        area = QRectF(12, line + 8, self.width() - 24, self.height() - 2 * line - 20)
        painter.setPen(QPen(QColor("#888888"), 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        if not self.bars or area.width() <= 0 or area.height() <= 0:
            painter.setPen(QColor(MUTED))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        top = max(1, max(value for _, value in self.bars))
        slot = area.width() / len(self.bars)
        label_width = max(metrics.horizontalAdvance(label) for label, _ in self.bars) + 8
        every = max(1, int(label_width // max(1.0, slot)) + 1)
        for index, (label, value) in enumerate(self.bars):
            height = area.height() * value / top
            bar = QRectF(area.left() + index * slot + slot * 0.15, area.bottom() - height, slot * 0.7, height)
            painter.fillRect(bar, self.BAR_COLOUR)
            painter.setPen(QColor("#222222"))
            painter.drawText(
                QRectF(bar.left() - 10, bar.top() - line - 2, bar.width() + 20, line),
                Qt.AlignmentFlag.AlignCenter, str(value),
            )
            if index % every == 0:
                painter.drawText(
                    QRectF(area.left() + index * slot - 40 + slot / 2, area.bottom() + 4, 80, line),
                    Qt.AlignmentFlag.AlignCenter, label,
                )


class ReportsPage(AdminPage):
    """Pick a range and optional employee/department; see and export the summaries."""

    COLUMNS = 8
    TOTAL_COLUMNS = 8

    def __init__(self, context: AdminContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.summaries: list[DaySummary] = []
        self.totals: list[EmployeeTotals] = []
        self.file_dialog: QFileDialog | None = None
        today = context.clock().date()
        self.start, self.end = date_range_edits(self, today, self.refresh)
        self.employee = QComboBox(self)
        self.department = QComboBox(self)
        for combo in (self.employee, self.department):
            combo.currentIndexChanged.connect(self.refresh)
        self.table = make_table(self, self.COLUMNS)
        self.totals_table = make_table(self, self.TOTAL_COLUMNS)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.table, "")
        self.tabs.addTab(self.totals_table, "")
        self.chart_title = QLabel(self)
        self.chart_title.setStyleSheet("font-weight: bold;")
        self.chart = BarChart(self)
        self.events_button = QPushButton(self)
        self.summary_button = QPushButton(self)
        self.totals_button = QPushButton(self)
        self.events_button.clicked.connect(lambda: self.choose_export("events"))
        self.summary_button.clicked.connect(lambda: self.choose_export("summary"))
        self.totals_button.clicked.connect(lambda: self.choose_export("totals"))
        self.status = StatusLine(self)
        self.labels = {name: QLabel(self) for name in ("from", "to", "employee", "department")}
        # Dates, then who: one row on a landscape screen, two on a portrait one (see resizeEvent).
        self.filters = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        for pair in ((("from", self.start), ("to", self.end)), (("employee", self.employee),
                                                                ("department", self.department))):
            row = QHBoxLayout()
            for name, widget in pair:
                row.addWidget(self.labels[name])
                row.addWidget(widget)
            row.addStretch(1)
            self.filters.addLayout(row)
        filters = self.filters
        exports = QHBoxLayout()
        for button in (self.summary_button, self.totals_button, self.events_button):
            button.setMinimumHeight(38)
            exports.addWidget(button)
        exports.addStretch(1)
        # Two views: the day-by-day summaries over a range, and the month timesheet (reports_month).
        self.daily = QWidget(self)
        daily = QVBoxLayout(self.daily)
        daily.addLayout(filters)
        daily.addWidget(self.tabs, 3)
        daily.addWidget(self.chart_title)
        daily.addWidget(self.chart, 2)
        daily.addLayout(exports)
        self.month_view = MonthTimesheetView(context, lambda words, error: self._say(words, error=error), self)
        self.views = QTabWidget(self)
        self.views.addTab(self.daily, "")
        self.views.addTab(self.month_view, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.header)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.status)
        self.retranslate()
        self.refresh()

    # ---- filters ----------------------------------------------------------
    @property
    def range(self) -> tuple[date, date]:
        return to_date(self.start.date()), to_date(self.end.date())

    @property
    def employee_code(self) -> str | None:
        code = self.employee.currentData()  # a code, or None for "All employees"
        return code if isinstance(code, str) else None

    @property
    def department_name(self) -> str | None:
        name = self.department.currentData()  # a name, or None for "All departments"
        return name if isinstance(name, str) else None

    @property
    def start_time(self) -> time | None:
        return self.context.settings.workday_start_time

    @property
    def today(self) -> date:
        """The kiosk's local date now: a day still open on it is "in progress", not "missing check-out"."""
        return self.context.clock().date()

    @property
    def export_language(self) -> str:
        """Exports made here have their header row in the screen language."""
        return self.context.settings.language

    def _fill_filters(self) -> None:
        repo = self.context.repo
        choices = (
            (self.employee, self.tr("All employees"), [(f"{e.code}  {e.name}", e.code) for e in repo.employees.all()]),
            (self.department, self.tr("All departments"), [(name, name) for name in repo.employees.departments()]),
        )
        for combo, everyone, items in choices:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    # ---- data -------------------------------------------------------------
    def refresh(self) -> None:
        self._fill_filters()
        start, end = self.range
        try:
            self.summaries = daily_summaries(
                self.context.repo, start, end, employee_code=self.employee_code,
                department=self.department_name, start_time=self.start_time, today=self.today,
            ) if start <= end else []
        except KioskError as exc:
            self.summaries = []
            self._say(str(exc), error=True)
        self.totals = employee_totals(self.summaries)
        self._fill_table()
        self._fill_totals()
        per_day = people_per_day(self.summaries, start, end)
        self.chart.set_bars([(day.strftime("%m-%d"), count) for day, count in per_day])

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.summaries))
        for row, summary in enumerate(self.summaries):
            values = (
                summary.day.isoformat(),
                summary.code,
                summary.name,
                summary.department,
                summary.first_in.strftime("%H:%M") if summary.first_in else "",
                summary.last_out.strftime("%H:%M") if summary.last_out else "",
                # An open today has no hours yet, which 0:00 would misstate.
                "–" if "in_progress" in summary.flags and not summary.worked else format_hours(summary.worked),
                ", ".join(flag_text(flag) for flag in summary.flags),
            )
            for column, value in enumerate(values):
                item = cell(value)
                if column == 7 and summary.flags:
                    item.setForeground(QColor(RED))
                self.table.setItem(row, column, item)

    def _fill_totals(self) -> None:
        self.totals_table.setRowCount(len(self.totals))
        for row, total in enumerate(self.totals):
            hours = format_hours(total.worked)
            if total.days_in_progress:
                hours = self.tr("{hours} (today in progress)").format(hours=hours)
            values = (
                total.code, total.name, total.department, str(total.days_present), hours,
                str(total.late_days), str(total.missing_outs), "",
            )
            for column, value in enumerate(values):
                item = cell(value)
                if column in (5, 6) and value != "0":
                    item.setForeground(QColor(RED))
                self.totals_table.setItem(row, column, item)

    def _say(self, words: Words, error: bool = False) -> None:
        self.status.say(words, ok=not error)

    # ---- export -----------------------------------------------------------
    def export(self, which: str, path: str | Path) -> int | None:
        """Write the ``"events"``, ``"summary"`` or ``"totals"`` CSV for the current filters; the row count,
        or None on error.

        Exactly what ``kiosk export --language <screen language>`` writes for the same range and filters.
        """
        start, end = self.range
        language = self.export_language
        query = ReportQuery(
            self.context.repo, start, end, employee_code=self.employee_code, department=self.department_name,
            start_time=self.start_time, today=self.today,
        )  # fmt: skip
        try:
            if which == "events":
                rows = write_events_csv(replace(query, department=None), path, language)
            else:
                write = write_totals_csv if which == "totals" else write_summary_csv
                rows = write(query, path, language)
        except (KioskError, OSError) as exc:
            error = str(exc)
            self._say(lambda: self.tr("Not exported: {error}").format(error=error), error=True)
            return None
        if rows == 1:  # English needs its singular; Chinese has one form for both
            self._say(lambda: self.tr("Exported 1 row to {path}.").format(path=path))
        else:
            self._say(lambda: self.tr("Exported {rows} rows to {path}.").format(rows=rows, path=path))
        return rows

    def choose_export(self, which: str) -> None:
        start, end = self.range
        stem = {"events": "attendance-events", "totals": "attendance-totals"}.get(which, "attendance-summary")
        dialog = file_dialog(self, self.tr("Export CSV"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.selectFile(f"{stem}-{start.isoformat()}-{end.isoformat()}.csv")
        dialog.fileSelected.connect(lambda path: self.export(which, path))
        dialog.finished.connect(lambda _result: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    # ---- language ---------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        self.filters.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        super().resizeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Attendance reports"))
        self.header.title.setText(self.tr("Attendance reports"))
        self.labels["from"].setText(self.tr("From"))
        self.labels["to"].setText(self.tr("to"))
        self.labels["employee"].setText(self.tr("Employee"))
        self.labels["department"].setText(self.tr("Department"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Code"), self.tr("Name"), self.tr("Department"), self.tr("First in"),
             self.tr("Last out"), self.tr("Hours"), self.tr("Flags")]
        )
        self.totals_table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Name"), self.tr("Department"), self.tr("Days present"), self.tr("Hours"),
             self.tr("Late arrivals"), self.tr("Missing check-outs"), ""]
        )
        self.views.setTabText(0, self.tr("Daily summary"))
        self.views.setTabText(1, self.tr("Month timesheet"))
        self.month_view.retranslate()
        self.tabs.setTabText(0, self.tr("Each day"))
        self.tabs.setTabText(1, self.tr("Totals per employee"))
        self.chart_title.setText(self.tr("People present per day"))
        self.chart.empty_text = self.tr("No attendance in this range.")
        self.summary_button.setText(self.tr("Export daily summary CSV…"))
        self.events_button.setText(self.tr("Export all events CSV…"))
        self.totals_button.setText(self.tr("Export totals CSV…"))
        if self.employee.count():
            self.employee.setItemText(0, self.tr("All employees"))
            self.department.setItemText(0, self.tr("All departments"))
        if self.summaries:
            self._fill_table()
            self._fill_totals()
