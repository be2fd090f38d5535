"""Staff page → Import…: a roster file's dry run is previewed row by row; Apply writes all of it in one
transaction (audited), Cancel writes nothing, and a bad row is one line with no preview at all."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from kiosk.storage.shifts import EARLIEST
from kiosk.ui.admin.staff import StaffPage
from kiosk.ui.admin.staff_import import RosterPreviewDialog

# Chinese Excel saves CSV in GBK, with Chinese headers.
ROSTER = (
    "工号,姓名,部门,班次\n0012,张伟,生产部,白班\n0044,李娜,质检部,\n0050,王芳,生产部,白班\n0031,Alice Chen,财务部,\n"
)


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in tables}
    finally:
        conn.close()


def _office(repo) -> None:
    repo.employees.add("0012", "张伟", "生产部")
    repo.employees.add("0044", "李娜", "生产部")
    repo.employees.add("0031", "Alice Chen", "财务部")
    repo.shifts.add("白班", "08:30", "17:30", breaks=[("12:00", "13:00")])


def _open(make_window, open_admin) -> StaffPage:
    page = open_admin(make_window(), "employees")
    assert isinstance(page, StaffPage)
    return page


def _rows(dialog: RosterPreviewDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _preview(qtbot, page: StaffPage, path: Path) -> RosterPreviewDialog:
    dialog = page.preview_import(path)
    assert isinstance(dialog, RosterPreviewDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_the_preview_lists_exactly_what_apply_writes(qtbot, make_window, open_admin, repo, db_path, tmp_path) -> None:
    _office(repo)
    roster = tmp_path / "花名册.csv"
    roster.write_bytes(ROSTER.encode("gbk"))
    page = _open(make_window, open_admin)
    before = _snapshot(db_path)
    dialog = _preview(qtbot, page, roster)

    assert _rows(dialog) == [
        ["Shift", "0012", "张伟", "生产部", "白班", "shift 0012: 白班 from the start"],
        ["Change", "0044", "李娜", "质检部", "", "change 0044: department '生产部' -> '质检部'"],
        ["Add", "0050", "王芳", "生产部", "白班", "add 0050 王芳 (生产部), shift 白班 from the start"],
    ]
    assert dialog.counts.text() == "1 to add, 1 to change, 1 shifts to assign, 1 unchanged."
    assert dialog.apply_button.isEnabled()
    assert _snapshot(db_path) == before  # a preview writes nothing

    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.status.text() == "Imported 花名册.csv: 1 added, 1 changed, 1 shifts assigned."
    wang = repo.employees.find("0050")
    assert wang is not None and (wang.name, wang.department, wang.active) == ("王芳", "生产部", True)
    assert repo.employees.find("0044").department == "质检部"
    assert [(a.employee_id, a.shift_name, a.valid_from) for a in repo.shifts.assignments()] == [
        (repo.employees.find("0012").id, "白班", EARLIEST), (wang.id, "白班", EARLIEST),
    ]
    assert repo.audit.entries()[0].action == "import_roster"
    assert repo.audit.entries()[0].detail == "花名册.csv: 4 rows; 1 add, 1 update, 1 assign"
    assert page.select("0050")  # listed on the staff page at once


def test_cancel_writes_nothing(qtbot, make_window, open_admin, repo, db_path, tmp_path) -> None:
    _office(repo)
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    page = _open(make_window, open_admin)
    before = _snapshot(db_path)
    dialog = _preview(qtbot, page, roster)
    assert len(_rows(dialog)) == 3
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert _snapshot(db_path) == before
    assert page.status.text() == ""


def test_a_start_date_plans_the_shifts_from_it(qtbot, make_window, open_admin, repo, tmp_path) -> None:
    _office(repo)
    repo.shifts.add("夜班", "22:00", "06:00")
    zhang = repo.employees.find("0012")
    repo.shifts.assign(zhang.id, "夜班", EARLIEST)
    roster = tmp_path / "roster.csv"
    roster.write_text("code,name,shift\n0012,张伟,白班\n", encoding="utf-8")
    page = _open(make_window, open_admin)
    dialog = _preview(qtbot, page, roster)
    # Moving someone to another shift without a date would rewrite past months: refused in one line.
    assert dialog.table.rowCount() == 0 and not dialog.apply_button.isEnabled()
    assert dialog.error.text().startswith(f"{roster} row 2: 0012 works 夜班 from the start; to move them to 白班")

    dialog.use_date.setChecked(True)
    dialog.valid_from.setDate(QDate(2024, 6, 1))
    assert _rows(dialog) == [["Shift", "0012", "张伟", "", "白班", "shift 0012: 白班 from 2024-06-01 (was 夜班)"]]
    assert dialog.error.text() == "" and dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert [(a.shift_name, a.valid_from) for a in repo.shifts.assignments(zhang.id)] == [
        ("夜班", EARLIEST), ("白班", date(2024, 6, 1)),
    ]


def test_a_bad_row_is_one_line_and_no_preview(qtbot, make_window, open_admin, repo, db_path, tmp_path) -> None:
    _office(repo)
    page = _open(make_window, open_admin)
    before = _snapshot(db_path)
    cases = {
        "dup.csv": ("code,name\n0060,赵六\n0060,钱七\n", "dup.csv row 3: duplicate code 0060 (also row 2)"),
        "shift.csv": ("code,name,shift\n0060,赵六,中班\n",
                      "shift.csv row 2: unknown shift '中班' (known: 白班); add it with kiosk shift add first"),
        "noname.csv": ("code,name\n0060,\n", "noname.csv row 2: empty name for code 0060"),
    }  # fmt: skip
    for name, (text, error) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert page.preview_import(path) is None
        assert page.status.text() == f"{path.parent}/{error}"
        assert page.dialog is None
    assert page.preview_import(tmp_path / "missing.xlsx") is None
    assert "missing.xlsx" in page.status.text() and "\n" not in page.status.text()
    assert _snapshot(db_path) == before
