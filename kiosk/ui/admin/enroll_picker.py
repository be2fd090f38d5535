"""Pick the person to enroll from the staff list, so nobody types a Chinese name on a touch screen.

Staff usually arrive from a roster import (Staff → Import…) without a face;
the enrollment wizard's first step lists them, filtered by name or code as
the admin types, in rows a finger can hit. Tapping one starts their
enrollment with code, name and department filled in (their record, attendance
history and shift are kept). People who already have a face are listed too
when asked, for re-enrollment.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScroller,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.storage.models import Employee
from kiosk.storage.repository import Repository
from kiosk.ui.style import BORDER, MUTED, mark_touch_target, scale_of, set_text_colour, touch_target_px

translate = QCoreApplication.translate


class TouchRowDelegate(QStyledItemDelegate):
    """List rows never lower than a fingertip (:func:`~kiosk.ui.style.touch_target_px` at the view's scale)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        view = self.parent()
        scale = scale_of(view) if isinstance(view, QWidget) else 1.0
        return QSize(hint.width(), max(hint.height(), touch_target_px(scale)))


def matches(employee: Employee, text: str) -> bool:
    """Does ``employee``'s code or name contain ``text`` (any case, surrounding spaces ignored)?"""
    wanted = text.strip().casefold()
    return not wanted or wanted in employee.code.casefold() or wanted in employee.name.casefold()


class EmployeePicker(QWidget):
    """A search box over the active staff without a face (or everyone, ticked), one tappable row each.

    Signals:
        picked(Employee): a row was tapped.
    """

    picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.employees: list[Employee] = []
        self.template_counts: dict[int, int] = {}
        self.shown: list[Employee] = []
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._fill())
        self.everyone = QCheckBox(self)
        self.everyone.toggled.connect(lambda _checked: self._fill())
        self.list = QListWidget(self)
        self.list.setItemDelegate(TouchRowDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setAlternatingRowColors(True)  # rows that read as rows, each one a tap
        self.list.setStyleSheet(f"QListWidget::item {{ border-bottom: 1px solid {BORDER}; padding: 0 8px; }}")
        QScroller.grabGesture(self.list.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.list.itemClicked.connect(self._on_list_item_clicked)
        self.list.itemActivated.connect(self._on_list_item_clicked)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        set_text_colour(self.empty, MUTED)
        for widget in (self.search, self.everyone):
            mark_touch_target(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.everyone)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self.retranslate()

    def load(self, repo: Repository) -> None:
        """Read the active staff and how many face templates each has."""
        self.employees = repo.employees.all(include_inactive=False)
        self.template_counts = {employee.id: len(repo.templates.of(employee.id)) for employee in self.employees}
        self._fill()

    def has_face(self, employee: Employee) -> bool:
        return self.template_counts.get(employee.id, 0) > 0

    def _fill(self) -> None:
        everyone = self.everyone.isChecked()
        text = self.search.text()
        self.shown = [e for e in self.employees if (everyone or not self.has_face(e)) and matches(e, text)]
        self.list.clear()
        for employee in self.shown:
            parts = [employee.code, employee.name]
            if employee.department:
                parts.append(employee.department)
            if self.has_face(employee):
                parts.append(translate("EnrollWizard", "(has a face: re-enroll)"))
            item = QListWidgetItem("   ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, employee.id)
            self.list.addItem(item)
        self._show_empty()

    def _show_empty(self) -> None:
        if self.shown:
            self.empty.clear()
        elif self.search.text().strip():
            self.empty.setText(translate("EnrollWizard", "Nobody matches. To enroll someone new, type their details."))
        else:
            self.empty.setText(
                translate("EnrollWizard", "Everyone on the staff list has a face. To enroll someone new, type their "
                          "details, or import the staff list under Staff.")
            )  # fmt: skip
        self.empty.setVisible(not self.shown)

    def pick(self, code: str) -> bool:
        """Tap the row of the employee with ``code``, as an admin would; False if it is not listed."""
        for row, employee in enumerate(self.shown):
            if employee.code == code:
                self._on_list_item_clicked(self.list.item(row))
                return True
        return False

    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        employee_id = item.data(Qt.ItemDataRole.UserRole)
        employee = next((e for e in self.shown if e.id == employee_id), None)
        if employee is not None:
            self.picked.emit(employee)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(translate("EnrollWizard", "Find by name or code"))
        self.everyone.setText(translate("EnrollWizard", "Also people who have a face (re-enroll)"))
        if self.employees:
            self._fill()
        else:
            self._show_empty()
