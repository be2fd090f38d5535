"""The work calendar: a month of statutory holidays, 调休 make-up workdays and the company's own dates.

What each date is comes from :class:`kiosk.attendance.calendar.WorkCalendar`
(the statutory calendar from the ``chinesecalendar`` package, under the
company's dates from ``repo.calendar``), the same object the timesheet rules
use, so the month drawn here is the month payroll is computed on. Tapping a
day selects it; it can then be made a day off or a workday for everyone, with
a name, or given back to the statutory calendar. Every change is audited by
storage. A month in a year the package does not know says so in one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.attendance.calendar import WorkCalendar
from kiosk.attendance.records import CalendarDay, DayKind
from kiosk.attendance.stored import override_from_stored
from kiosk.errors import KioskError
from kiosk.ui.admin.common import AdminPage, StatusLine, error_style
from kiosk.ui.admin.context import AdminContext
from kiosk.ui.style import ACCENT, AMBER, BORDER, GREEN, MUTED, RED, SURFACE, scaled_px

ACTOR = "admin"

# (fill, ink) per kind of date: text at 5:1 or better on its fill (the style module's colours).
STATUTORY_HOLIDAY = ("#fde2e1", RED)
MAKEUP_WORKDAY = ("#fff2cc", AMBER)
COMPANY_OFF = ("#dbe9f8", ACCENT)
COMPANY_WORKDAY = ("#e2efda", GREEN)
WEEKEND = (SURFACE, MUTED)
ORDINARY = ("#ffffff", "#222222")


def holiday_name(name: str) -> str:
    """A statutory holiday's name (as the package spells it, in English) in the screen language."""
    names = {
        "New Year's Day": QCoreApplication.translate("Holidays", "New Year's Day"),
        "Spring Festival": QCoreApplication.translate("Holidays", "Spring Festival"),
        "Tomb-sweeping Day": QCoreApplication.translate("Holidays", "Tomb-sweeping Day"),
        "Labour Day": QCoreApplication.translate("Holidays", "Labour Day"),
        "Dragon Boat Festival": QCoreApplication.translate("Holidays", "Dragon Boat Festival"),
        "National Day": QCoreApplication.translate("Holidays", "National Day"),
        "Mid-autumn Festival": QCoreApplication.translate("Holidays", "Mid-autumn Festival"),
        "Anti-Fascist 70th Day": QCoreApplication.translate("Holidays", "Anti-Fascist 70th Day"),
    }
    return names.get(name, name)


def colours_of(known: CalendarDay) -> tuple[str, str]:
    """(fill, ink) of a date in the month view."""
    if known.source == "company":
        return COMPANY_OFF if known.kind is DayKind.HOLIDAY else COMPANY_WORKDAY
    if known.source == "statutory":
        return STATUTORY_HOLIDAY if known.kind is DayKind.HOLIDAY else MAKEUP_WORKDAY
    return WEEKEND if known.day.weekday() >= 5 else ORDINARY


def marker_of(known: CalendarDay) -> str:
    """The short line under a date's number: the holiday's or company date's name, or 班 for a make-up day."""
    if known.source == "statutory":
        if known.kind is DayKind.MAKEUP_WORKDAY:
            return QCoreApplication.translate("CalendarPage", "Make-up day")
        return holiday_name(known.name)
    if known.source == "company":
        if known.name:
            return known.name
        if known.kind is DayKind.HOLIDAY:
            return QCoreApplication.translate("CalendarPage", "Day off")
        return QCoreApplication.translate("CalendarPage", "Workday")
    return ""


@dataclass(frozen=True)
class DayCell:
    """One square of the month view: the date, what the calendar says of it, and how it is drawn."""

    day: date
    known: CalendarDay
    fill: str
    ink: str
    marker: str
    in_month: bool


class MonthGrid(QWidget):
    """Six weeks from the Monday on or before the 1st, a weekday row on top; tap a date to select it.

    Signals:
        day_selected(object): the :class:`datetime.date` that was tapped.
    """

    day_selected = Signal(object)
    WEEKS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells: list[DayCell] = []
        self.selected: date | None = None
        self.today: date | None = None
        # A weekday row and six weeks of squares a finger can tap (48 design px wide, 40 high at least).
        self.setMinimumSize(7 * 48, 30 + 6 * 40)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_cells(self, cells: list[DayCell], selected: date | None, today: date | None) -> None:
        self.cells, self.selected, self.today = cells, selected, today
        self.update()

    def cell(self, day: date) -> DayCell | None:
        return next((item for item in self.cells if item.day == day), None)

    def sizeHint(self) -> QSize:
        return QSize(scaled_px(self, 7 * 90), scaled_px(self, 7 * 60))

    def header_height(self) -> int:
        """The weekday row: one line of text and a little room, not a whole week's height."""
        return round(QFontMetrics(self.font()).height() * 1.8)

    def cell_rect(self, index: int) -> QRectF:
        """Where cell ``index`` (0 = top left, below the weekday row) is drawn."""
        top = self.header_height()
        width, height = self.width() / 7, (self.height() - top) / self.WEEKS
        row, column = divmod(index, 7)
        return QRectF(column * width, top + row * height, width, height)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        for index, item in enumerate(self.cells):
            if self.cell_rect(index).contains(position):
                self.day_selected.emit(item.day)
                return
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        width, height = self.width() / 7, self.header_height()
        bold = QFont(self.font())
        bold.setBold(True)
        for column in range(7):
            painter.setPen(QColor(MUTED))
            painter.setFont(bold)
            painter.drawText(QRectF(column * width, 0, width, height), Qt.AlignmentFlag.AlignCenter,
                             QLocale().dayName(column + 1, QLocale.FormatType.ShortFormat))  # fmt: skip
        small = QFont(self.font())
        small.setPixelSize(max(1, round(self.font().pixelSize() * 0.8)) if self.font().pixelSize() > 0 else 11)
        pad = scaled_px(self, 4)
        for index, item in enumerate(self.cells):
            rect = self.cell_rect(index).adjusted(1, 1, -1, -1)
            painter.fillRect(rect, QColor(item.fill))
            painter.setPen(QPen(QColor(BORDER), 1))
            painter.drawRect(rect)
            ink = QColor(item.ink if item.in_month else BORDER)
            painter.setPen(ink)
            painter.setFont(bold)
            inner = rect.adjusted(pad, pad, -pad, -pad)
            painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, str(item.day.day))
            if item.marker and item.in_month:
                painter.setFont(small)
                text = QFontMetrics(small).elidedText(item.marker, Qt.TextElideMode.ElideRight, int(inner.width()))
                painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)
            if item.day == self.today:
                painter.setPen(QPen(QColor(MUTED), scaled_px(self, 1), Qt.PenStyle.DashLine))
                painter.drawRect(rect.adjusted(2, 2, -2, -2))
            if item.day == self.selected:
                painter.setPen(QPen(QColor(ACCENT), scaled_px(self, 3)))
                painter.drawRect(rect.adjusted(2, 2, -2, -2))
        painter.setPen(QPen(QColor(BORDER), 1))
        painter.drawLine(QPointF(0, height), QPointF(self.width(), height))


class CalendarPage(AdminPage):
    """A month view of the work calendar, and the company's own dates set on a tapped day."""

    def __init__(self, context: AdminContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        today = context.clock().date()
        self.month = today.replace(day=1)
        self.selected: date | None = None
        self.previous_button, self.today_button, self.next_button = (QPushButton(self) for _ in range(3))
        self.previous_button.clicked.connect(lambda: self.show_month(self._shifted(-1)))
        self.next_button.clicked.connect(lambda: self.show_month(self._shifted(1)))
        self.today_button.clicked.connect(lambda: self.show_month(self.context.clock().date().replace(day=1)))
        self.month_label = QLabel(self)
        self.month_label.setStyleSheet("font-weight: bold;")
        self.notice = error_style(QLabel(self))
        self.grid = MonthGrid(self)
        self.grid.day_selected.connect(self.select_day)
        self.day_title = QLabel(self)
        self.day_title.setStyleSheet("font-weight: bold;")
        self.day_text = QLabel(self)
        self.day_text.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name_label = QLabel(self)
        self.off_button, self.workday_button, self.clear_button = (QPushButton(self) for _ in range(3))
        self.off_button.clicked.connect(lambda: self.set_selected(off=True))
        self.workday_button.clicked.connect(lambda: self.set_selected(off=False))
        self.clear_button.clicked.connect(self.clear_selected)
        self.legend = {key: QLabel(self) for key in ("holiday", "makeup", "company_off", "company_work", "weekend")}
        colours = {"holiday": STATUTORY_HOLIDAY, "makeup": MAKEUP_WORKDAY, "company_off": COMPANY_OFF,
                   "company_work": COMPANY_WORKDAY, "weekend": WEEKEND}  # fmt: skip
        for key, label in self.legend.items():
            fill, ink = colours[key]
            label.setStyleSheet(
                f"QLabel {{ background: {fill}; color: {ink}; border: 1px solid {BORDER}; padding: 2px 8px; }}"
            )
        self.status = StatusLine(self)
        self._lay_out()
        self.retranslate()
        self.refresh()

    def _lay_out(self) -> None:
        nav = QHBoxLayout()
        for button in (self.previous_button, self.today_button, self.next_button):
            button.setMinimumHeight(38)
        nav.addWidget(self.previous_button)
        nav.addWidget(self.month_label, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.today_button)
        nav.addWidget(self.next_button)
        side = QVBoxLayout()
        side.addWidget(self.day_title)
        side.addWidget(self.day_text)
        side.addWidget(self.name_label)
        side.addWidget(self.name)
        for button in (self.off_button, self.workday_button, self.clear_button):
            button.setMinimumHeight(38)
            side.addWidget(button)
        side.addStretch(1)
        legend = QGridLayout()
        for index, label in enumerate(self.legend.values()):
            legend.addWidget(label, index // 2, index % 2)
        side.addLayout(legend)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(self.grid, 3)
        self.body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.header)
        layout.addLayout(nav)
        layout.addWidget(self.notice)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.status)

    # ---- data -------------------------------------------------------------
    def _shifted(self, months: int) -> date:
        index = self.month.year * 12 + self.month.month - 1 + months
        return date(index // 12, index % 12 + 1, 1)

    @property
    def first_shown(self) -> date:
        return self.month - timedelta(days=self.month.weekday())

    def show_month(self, first: date) -> None:
        self.month = first.replace(day=1)
        if self.selected is not None and (self.selected.year, self.selected.month) != (first.year, first.month):
            self.selected = None
        self.refresh()

    def calendar_days(self) -> list[CalendarDay]:
        """What the calendar says of each of the six weeks shown, company dates included."""
        start = self.first_shown
        end = start + timedelta(days=7 * MonthGrid.WEEKS - 1)
        stored = self.context.repo.calendar.between(start, end)
        calendar = WorkCalendar({item.day: override_from_stored(item) for item in stored})
        return list(calendar.days(start, end).values())

    def refresh(self) -> None:
        self._draw(self.calendar_days())

    def _draw(self, days: list[CalendarDay]) -> None:
        """Draw ``days`` (the six weeks shown) in the screen language; reads nothing."""
        cells = []
        for known in days:
            fill, ink = colours_of(known)
            cells.append(DayCell(known.day, known, fill, ink, marker_of(known), known.day.month == self.month.month))
        self.grid.set_cells(cells, self.selected, self.context.clock().date())
        self._show_month_title()
        self._show_notice()
        self._show_selected()

    def _show_month_title(self) -> None:
        month_name = QLocale().standaloneMonthName(self.month.month, QLocale.FormatType.LongFormat)
        self.month_label.setText(
            self.tr("{month_name} {year}").format(month_name=month_name, year=self.month.year, month=self.month.month)
        )

    def _show_notice(self) -> None:
        last = self._shifted(1) - timedelta(days=1)
        years = WorkCalendar.unknown_years(self.month, last)
        self.notice.setVisible(bool(years))
        if years:
            self.notice.setText(
                self.tr(
                    "Statutory holidays for {years} are not known to this version; only the company's own dates apply."
                ).format(years=", ".join(str(year) for year in years))
            )

    def select_day(self, day: date) -> None:
        """Select ``day`` (the grid's tap); a day of another month shows that month."""
        self.selected = day
        if (day.year, day.month) != (self.month.year, self.month.month):
            self.month = day.replace(day=1)
        self.refresh()
        cell = self.grid.cell(day)
        self.name.setText(cell.known.name if cell is not None and cell.known.source == "company" else "")

    def _show_selected(self) -> None:
        cell = self.grid.cell(self.selected) if self.selected is not None else None
        for button in (self.off_button, self.workday_button, self.name):
            button.setEnabled(cell is not None)
        self.clear_button.setEnabled(cell is not None and cell.known.source == "company")
        if cell is None:
            self.day_title.setText(self.tr("No day selected"))
            self.day_text.setText(self.tr("Tap a day to make it a day off or a workday for everyone."))
            return
        qdate = QDate(cell.day.year, cell.day.month, cell.day.day)
        self.day_title.setText(QLocale().toString(qdate, QLocale.FormatType.LongFormat))
        self.day_text.setText(self.describe(cell.known))

    def describe(self, known: CalendarDay) -> str:
        """One sentence on what the date is, in the screen language."""
        if known.source == "statutory":
            if known.kind is DayKind.HOLIDAY:
                return self.tr("Statutory holiday: {name}.").format(name=holiday_name(known.name))
            return self.tr("Make-up workday (调休) for {name}.").format(name=holiday_name(known.name))
        if known.source == "company":
            if known.kind is DayKind.HOLIDAY:
                return self.tr("Company day off: {name}.").format(name=known.name) if known.name else self.tr(
                    "Company day off.")  # fmt: skip
            return self.tr("Company workday: {name}.").format(name=known.name) if known.name else self.tr(
                "Company workday.")  # fmt: skip
        if known.day.weekday() >= 5:
            return self.tr("Weekend: off for shifts that do not work this weekday.")
        return self.tr("Ordinary day: each shift's own weekdays decide.")

    # ---- actions ----------------------------------------------------------
    def set_selected(self, off: bool) -> bool:
        """Make the selected day a day off (``off``) or a workday for everyone, with the typed name."""
        day = self.selected
        if day is None:
            return False
        name = self.name.text()
        try:
            self.context.repo.calendar.set(day, off=off, name=name, actor=ACTOR)
        except KioskError as exc:
            self.status.say(str(exc), ok=False)
            return False
        if off:
            self.status.say(lambda: self.tr("{day} is a day off for everyone.").format(day=day.isoformat()))
        else:
            self.status.say(lambda: self.tr("{day} is a workday for everyone.").format(day=day.isoformat()))
        self.refresh()
        return True

    def clear_selected(self) -> bool:
        """Give the selected day back to the statutory calendar."""
        day = self.selected
        if day is None:
            return False
        try:
            cleared = self.context.repo.calendar.clear(day, actor=ACTOR)
        except KioskError as exc:
            self.status.say(str(exc), ok=False)
            return False
        if cleared:
            self.status.say(lambda: self.tr("{day}: the company date is removed.").format(day=day.isoformat()))
        self.name.clear()
        self.refresh()
        return cleared

    # ---- language and shape -------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        super().resizeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Work calendar"))
        self.header.title.setText(self.tr("Work calendar"))
        self.previous_button.setText(self.tr("‹ Previous month"))
        self.next_button.setText(self.tr("Next month ›"))
        self.today_button.setText(self.tr("This month"))
        self.name_label.setText(self.tr("Name (optional)"))
        self.name.setPlaceholderText(self.tr("e.g. company outing"))
        self.off_button.setText(self.tr("Day off for everyone"))
        self.workday_button.setText(self.tr("Workday for everyone"))
        self.clear_button.setText(self.tr("Back to the statutory calendar"))
        texts = {"holiday": self.tr("Statutory holiday"), "makeup": self.tr("Make-up workday (调休)"),
                 "company_off": self.tr("Company day off"), "company_work": self.tr("Company workday"),
                 "weekend": self.tr("Weekend")}  # fmt: skip
        for key, text in texts.items():
            self.legend[key].setText(text)
        if self.grid.cells:  # redrawn from what was read: a language switch never reads the database
            self._draw([cell.known for cell in self.grid.cells])
