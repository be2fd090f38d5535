"""Staff from a roster file: read it, show exactly what it would change, then apply it all or nothing.

The file is read by :func:`kiosk.attendance.roster.read_roster` (CSV in UTF-8
or GBK as Chinese Excel saves it, or xlsx; ``code,name,department,shift`` or
工号, 姓名, 部门, 班次) and planned by ``repo.roster.plan``, the dry run of
``kiosk roster import --dry-run``: the preview lists the same changes the
apply makes, because both walk the rows with the same code. Apply is one
transaction (``repo.roster.apply``), audited; Cancel writes nothing. A bad
row is refused before the preview opens, in one line naming the file row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.attendance.roster import read_roster
from kiosk.errors import InputError
from kiosk.storage.models import RosterChange, RosterRow
from kiosk.storage.repository import Repository
from kiosk.ui.admin.common import cell, error_style, make_table, to_date, to_qdate

translate = QCoreApplication.translate


@dataclass(frozen=True)
class RosterPlan:
    """A read roster file and what applying it from ``valid_from`` would change.

    ``error`` is the one line the plan was refused with (a shift move that
    needs a start date, say); then there are no changes to apply.
    """

    path: Path
    rows: tuple[RosterRow, ...]
    changes: tuple[RosterChange, ...]
    valid_from: date | None = None
    error: str = ""

    def count(self, kind: str) -> int:
        return sum(change.kind == kind for change in self.changes)


def plan_roster(repo: Repository, path: str | Path, valid_from: date | None = None) -> RosterPlan:
    """Read ``path`` and plan it against ``repo``.

    Raises :class:`InputError` (one line naming the row) for a file that cannot
    be read or a bad row; a row the database refuses (a shift move without a
    start date) gives a plan with that line as its :attr:`~RosterPlan.error`.
    """
    rows = tuple(read_roster(path, [stored.name for stored in repo.shifts.all()]))
    try:
        changes = tuple(repo.roster.plan(rows, valid_from))
    except InputError as exc:
        return RosterPlan(Path(path), rows, (), valid_from, str(exc))
    return RosterPlan(Path(path), rows, changes, valid_from)


def change_kind_text(kind: str) -> str:
    """What a roster change does (add, update, assign) in the screen language."""
    texts = {
        "add": translate("StaffImport", "Add"),
        "update": translate("StaffImport", "Change"),
        "assign": translate("StaffImport", "Shift"),
    }
    return texts.get(kind, kind)


class RosterPreviewDialog(QDialog):
    """The dry run of a roster import: every change in a table, then Apply or Cancel.

    The shifts the roster names apply from the start (so punches imported
    from an old system are judged by them) unless a date is chosen; changing
    it plans the file again. Apply is disabled while the plan has an error or
    changes nothing.
    """

    COLUMNS = 6

    def __init__(self, repo: Repository, plan: RosterPlan, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.plan = plan
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = make_table(self, self.COLUMNS)
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.use_date = QCheckBox(self)
        self.valid_from = QDateEdit(to_qdate(today), self)
        self.valid_from.setCalendarPopup(True)
        self.valid_from.setDisplayFormat("yyyy-MM-dd")
        self.valid_from.setEnabled(False)
        self.use_date.toggled.connect(self.valid_from.setEnabled)
        self.use_date.toggled.connect(lambda _checked: self.replan())
        self.valid_from.dateChanged.connect(lambda _day: self.replan())
        self.error = error_style(QLabel(self))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = self.buttons.addButton(
            translate("StaffImport", "Apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.rejected.connect(self.reject)
        dates = QHBoxLayout()
        dates.addWidget(self.use_date)
        dates.addWidget(self.valid_from)
        dates.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)
        layout.addLayout(dates)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setWindowTitle(translate("StaffImport", "Import staff"))
        self.intro.setText(
            translate("StaffImport", "{file}: {rows} rows. Nothing is written until you press Apply; then the "
                      "whole file is applied at once, or nothing.").format(file=plan.path.name, rows=len(plan.rows))
        )  # fmt: skip
        self.use_date.setText(translate("StaffImport", "The roster's shifts start on"))
        self.table.setHorizontalHeaderLabels(
            [translate("StaffImport", "What"), translate("StaffImport", "Code"), translate("StaffImport", "Name"),
             translate("StaffImport", "Department"), translate("StaffImport", "Shift"),
             translate("StaffImport", "Details")]
        )  # fmt: skip
        self.setMinimumWidth(640)
        self.setMinimumHeight(360)
        self.show_plan(plan)

    def show_plan(self, plan: RosterPlan) -> None:
        self.plan = plan
        rows = {row.code.strip(): row for row in plan.rows}
        self.table.setRowCount(len(plan.changes))
        for index, change in enumerate(plan.changes):
            row = rows.get(change.code)
            values = (
                change_kind_text(change.kind), change.code, row.name if row else "",
                (row.department or "") if row else "", row.shift if row else "", change.text,
            )  # fmt: skip
            for column, value in enumerate(values):
                self.table.setItem(index, column, cell(value))
        unchanged = len(plan.rows) - len({change.code for change in plan.changes})
        self.counts.setVisible(not plan.error)
        self.counts.setText(
            translate("StaffImport", "{added} to add, {changed} to change, {assigned} shifts to assign, "
                      "{unchanged} unchanged.").format(
                added=plan.count("add"), changed=plan.count("update"), assigned=plan.count("assign"),
                unchanged=unchanged,
            )
        )  # fmt: skip
        self.error.setText(plan.error)
        self.apply_button.setEnabled(bool(plan.changes) and not plan.error)

    def chosen_valid_from(self) -> date | None:
        return to_date(self.valid_from.date()) if self.use_date.isChecked() else None

    def replan(self) -> None:
        """Plan the file again for the chosen start date (the file is read again: it may have been fixed)."""
        try:
            self.show_plan(plan_roster(self.repo, self.plan.path, self.chosen_valid_from()))
        except InputError as exc:
            self.table.setRowCount(0)
            self.error.setText(str(exc))
            self.apply_button.setEnabled(False)
