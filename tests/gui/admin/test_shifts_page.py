"""The Shifts page: a shift typed in the form is stored (audited) exactly as ``kiosk shift add`` would store it,
a bad one is refused with the CLI's own line, and shifts are assigned to a person or a department from a date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTime

from kiosk.cli.main import main
from kiosk.storage.models import StoredShift
from kiosk.storage.shifts import EARLIEST
from kiosk.ui.admin.shifts_page import ShiftsPage


def _page(make_window, open_admin, **kwargs) -> ShiftsPage:
    window = make_window(**kwargs)
    page = open_admin(window, "shifts")
    assert isinstance(page, ShiftsPage)
    return page


def _fill(page: ShiftsPage, name: str, start: tuple[int, int], end: tuple[int, int], breaks: str = "",
          late: int = 5, early: int = 0, days: tuple[int, ...] = (0, 1, 2, 3, 4), statutory: bool = True) -> None:
    page.name.setText(name)
    page.start.setTime(QTime(*start))
    page.end.setTime(QTime(*end))
    page.breaks.setText(breaks)
    page.late_grace.setValue(late)
    page.early_grace.setValue(early)
    for day, box in enumerate(page.weekdays):
        box.setChecked(day in days)
    page.statutory.setChecked(statutory)


def _rows(table) -> list[list[str]]:
    return [[table.item(row, column).text() for column in range(table.columnCount())]
            for row in range(table.rowCount())]  # fmt: skip


def test_a_typed_shift_is_stored_listed_and_audited(qtbot, make_window, open_admin, repo) -> None:
    page = _page(make_window, open_admin)
    _fill(page, "白班", (8, 30), (17, 30), "12:00-13:00", late=10, early=2, days=(0, 1, 2, 3, 4, 5), statutory=False)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)

    assert repo.shifts.all() == [
        StoredShift(id=1, name="白班", start="08:30", end="17:30", breaks=(("12:00", "13:00"),), late_grace_min=10,
                    early_grace_min=2, workdays=(0, 1, 2, 3, 4, 5), statutory_calendar=False)
    ]  # fmt: skip
    assert page.status.text() == "Shift 白班 added."
    assert page.name.text() == ""  # ready for the next one
    assert _rows(page.table) == [
        ["白班", "08:30–17:30", "12:00–13:00", "10 min", "2 min", "Mon–Sat", "Own weekdays only"]
    ]
    entry = repo.audit.entries()[0]
    assert (entry.actor, entry.action) == ("admin", "add_shift")
    assert entry.detail.startswith("白班 08:30-17:30; breaks 12:00-13:00")

    # A night shift ends the next day; its weekdays may be any set.
    _fill(page, "夜班", (22, 0), (6, 0), "02:00-02:30", days=(0, 2, 4))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    night = repo.shifts.get("夜班")
    assert night is not None and (night.start, night.end, night.workdays) == ("22:00", "06:00", (0, 2, 4))
    assert night.statutory_calendar is True
    assert _rows(page.table)[0][:2] == ["夜班", "22:00–06:00 (next day)"]
    assert _rows(page.table)[0][5:] == ["Mon, Wed, Fri", "Statutory holidays off"]


def _cli_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """The line ``kiosk shift add`` prints for the same input (without its ``kiosk: error: `` prefix)."""
    capsys.readouterr()
    assert main(["shift", "add", "--db", str(tmp_path / "cli.db"), *args]) != 0
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    return lines[0].removeprefix("kiosk: error: ")


@pytest.mark.parametrize(
    ("form", "cli"),
    [
        ({"name": "早班", "start": (9, 0), "end": (9, 0)}, ["--name", "早班", "--start", "09:00", "--end", "09:00"]),
        ({"name": "早班", "start": (9, 0), "end": (17, 0), "breaks": "18:00-19:00"},
         ["--name", "早班", "--start", "09:00", "--end", "17:00", "--break", "18:00-19:00"]),
        ({"name": "早班", "start": (9, 0), "end": (17, 0), "breaks": "12-13"},
         ["--name", "早班", "--start", "09:00", "--end", "17:00", "--break", "12-13"]),
        ({"name": "  ", "start": (9, 0), "end": (17, 0)}, ["--name", "  ", "--start", "09:00", "--end", "17:00"]),
    ],
    ids=["zero-length", "break-outside", "unreadable-break", "no-name"],
)
def test_a_bad_shift_gets_the_cli_line_and_nothing_is_stored(
    qtbot, make_window, open_admin, repo, tmp_path, capsys, form, cli
) -> None:
    page = _page(make_window, open_admin)
    _fill(page, **form)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == _cli_error(tmp_path, capsys, *cli)
    assert "\n" not in page.status.text()
    assert repo.shifts.all() == [] and page.table.rowCount() == 0
    assert [entry.action for entry in repo.audit.entries() if entry.action == "add_shift"] == []


def test_no_workday_and_a_taken_name_are_refused(qtbot, make_window, open_admin, repo) -> None:
    repo.shifts.add("白班", "08:30", "17:30")
    page = _page(make_window, open_admin)
    _fill(page, "中班", (14, 0), (22, 0), days=())
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "shift '中班' has no workdays; give at least one, e.g. mon-fri"
    _fill(page, "白班", (8, 0), (17, 0))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "a shift named '白班' already exists; choose another name"
    assert [shift.name for shift in repo.shifts.all()] == ["白班"]


def test_a_department_then_one_person_get_a_shift_from_a_date(qtbot, make_window, open_admin, repo) -> None:
    zhang = repo.employees.add("0012", "张伟", "生产部")
    li = repo.employees.add("0044", "李娜", "生产部")
    alice = repo.employees.add("0031", "Alice Chen", "财务部")
    repo.shifts.add("白班", "08:30", "17:30", breaks=[("12:00", "13:00")])
    repo.shifts.add("夜班", "22:00", "06:00")
    page = _page(make_window, open_admin)
    page.tabs.setCurrentIndex(1)
    assert [page.who.itemText(i) for i in range(page.who.count())] == [
        "Department 生产部 (everyone active)", "Department 财务部 (everyone active)",
        "0012  张伟", "0031  Alice Chen", "0044  李娜",
    ]  # fmt: skip
    assert _rows(page.assignments_table)[0] == ["0012", "张伟", "生产部", "no shift yet", ""]

    page.who.setCurrentIndex(page.who.findData("生产部"))
    page.assign_shift.setCurrentIndex(page.assign_shift.findData("白班"))
    page.valid_from.setDate(QDate(2025, 10, 1))
    qtbot.mouseClick(page.assign_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "2 people of 生产部 work 白班 from 2025-10-01."

    page.who.setCurrentIndex(page.who.findData(li.id))
    page.assign_shift.setCurrentIndex(page.assign_shift.findData("夜班"))
    page.valid_from.setDate(QDate(2025, 11, 3))
    qtbot.mouseClick(page.assign_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "李娜 works 夜班 from 2025-11-03."

    assert [(a.employee_id, a.shift_name, a.valid_from) for a in repo.shifts.assignments()] == [
        (zhang.id, "白班", date(2025, 10, 1)), (li.id, "白班", date(2025, 10, 1)), (li.id, "夜班", date(2025, 11, 3)),
    ]  # fmt: skip
    assert repo.shifts.assignments(alice.id) == []
    assert [row[3:] for row in _rows(page.assignments_table)] == [
        ["白班", "2025-10-01"], ["no shift yet", ""], ["夜班", "2025-11-03"],
    ]
    assigned = [entry.detail for entry in repo.audit.entries() if entry.action == "assign_shift"]
    assert assigned == ["0044: shift '夜班' from 2025-11-03", "0044: shift '白班' from 2025-10-01",
                        "0012: shift '白班' from 2025-10-01"]  # fmt: skip


def test_a_roster_shift_from_the_start_is_shown_as_such(make_window, open_admin, repo) -> None:
    employee = repo.employees.add("0012", "张伟", "生产部")
    repo.shifts.add("白班", "08:30", "17:30")
    repo.shifts.assign(employee.id, "白班", EARLIEST)
    page = _page(make_window, open_admin)
    assert _rows(page.assignments_table) == [["0012", "张伟", "生产部", "白班", "from the start"]]


def test_the_page_in_chinese(make_window, open_admin, repo) -> None:
    repo.shifts.add("白班", "08:30", "17:30", workdays=(0, 1, 2, 3, 4))
    page = _page(make_window, open_admin, language="zh_CN")
    assert page.windowTitle() == "班次"
    assert _rows(page.table)[0][3:6] == ["5 分钟", "0 分钟", "周一–周五"]
    assert [box.text() for box in page.weekdays] == ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
