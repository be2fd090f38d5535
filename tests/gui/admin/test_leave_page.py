"""The Leave page: leave is stored as whole days or exact times, listed for a period, refused in one line
when it overlaps, and deleted only with a reason that goes to the audit log."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime

from kiosk.storage.models import StoredLeave
from kiosk.ui.admin.leave_page import LeavePage


def _page(make_window, open_admin, **kwargs) -> LeavePage:
    window = make_window(**kwargs)
    page = open_admin(window, "leave")
    assert isinstance(page, LeavePage)
    return page


def _rows(page: LeavePage) -> list[list[str]]:
    table = page.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _type(page: LeavePage, employee_id: int, leave_type: str, start: QDateTime, end: QDateTime, note: str = "") -> None:
    page.employee.setCurrentIndex(page.employee.findData(employee_id))
    page.leave_type.setCurrentIndex(page.leave_type.findData(leave_type))
    page.leave_from.setDateTime(start)
    page.leave_to.setDateTime(end)
    page.note.setText(note)


def test_whole_days_and_exact_times_are_stored_and_listed(qtbot, make_window, open_admin, repo) -> None:
    zhang = repo.employees.add("0012", "张伟", "生产部")
    li = repo.employees.add("0044", "李娜", "生产部")
    page = _page(make_window, open_admin)  # the clock says 2024-05-06: the list shows May
    assert (page.start.date(), page.end.date()) == (QDate(2024, 5, 1), QDate(2024, 5, 31))
    assert page.whole_days.isChecked() and page.labels["start"].text() == "First day"

    _type(page, zhang.id, "annual", QDateTime(QDate(2024, 5, 8), QTime()), QDateTime(QDate(2024, 5, 10), QTime()),
          "回老家")  # fmt: skip
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Leave recorded for 张伟."

    page.whole_days.setChecked(False)
    assert page.labels["start"].text() == "Starts" and page.leave_from.displayFormat() == "yyyy-MM-dd HH:mm"
    _type(page, li.id, "sick", QDateTime(QDate(2024, 5, 13), QTime(13, 30)),
          QDateTime(QDate(2024, 5, 13), QTime(18, 0)))  # fmt: skip
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)

    assert repo.leave.between(date(2024, 5, 1), date(2024, 5, 31)) == [
        StoredLeave(1, zhang.id, datetime(2024, 5, 8), datetime(2024, 5, 11), "annual", "回老家"),
        StoredLeave(2, li.id, datetime(2024, 5, 13, 13, 30), datetime(2024, 5, 13, 18, 0), "sick", ""),
    ]
    assert _rows(page) == [
        ["0012", "张伟", "Annual leave", "2024-05-08", "2024-05-10", "3 days", "回老家"],
        ["0044", "李娜", "Sick leave", "2024-05-13 13:30", "2024-05-13 18:00", "4.5 h", ""],
    ]
    assert [e.action for e in repo.audit.entries()][:2] == ["add_leave", "add_leave"]

    page.filter_employee.setCurrentIndex(page.filter_employee.findData(li.id))
    assert [row[0] for row in _rows(page)] == ["0044"]
    page.filter_employee.setCurrentIndex(0)
    page.start.setDate(QDate(2024, 6, 1))
    page.end.setDate(QDate(2024, 6, 30))
    assert _rows(page) == []


def test_overlapping_leave_is_refused_in_one_line(qtbot, make_window, open_admin, repo) -> None:
    zhang = repo.employees.add("0012", "张伟", "生产部")
    repo.leave.add(zhang.id, datetime(2024, 5, 8), datetime(2024, 5, 11), "annual")
    page = _page(make_window, open_admin)
    _type(page, zhang.id, "personal", QDateTime(QDate(2024, 5, 10), QTime()), QDateTime(QDate(2024, 5, 10), QTime()))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == (
        "leave 2024-05-10 00:00 to 2024-05-11 00:00 overlaps 0012's annual leave 2024-05-08 00:00 to "
        "2024-05-11 00:00 (id 1); change the dates or delete that leave first"
    )
    assert len(repo.leave.between(date(2024, 5, 1), date(2024, 5, 31))) == 1
    assert len(_rows(page)) == 1

    # Ending before it starts is refused too.
    _type(page, zhang.id, "sick", QDateTime(QDate(2024, 5, 20), QTime()), QDateTime(QDate(2024, 5, 19), QTime()))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "the leave ends (2024-05-20 00:00) before or when it starts (2024-05-20 00:00)"


def test_deleting_needs_a_reason_and_audits_it(qtbot, make_window, open_admin, repo) -> None:
    zhang = repo.employees.add("0012", "张伟", "生产部")
    stored = repo.leave.add(zhang.id, datetime(2024, 5, 8), datetime(2024, 5, 11), "annual")
    page = _page(make_window, open_admin)
    assert page.select_leave(stored.id)
    assert not page.delete_button.isEnabled()
    page.reason.setText("请假取消，员工已上班")
    assert page.delete_button.isEnabled()
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Leave deleted; the audit log keeps what it was and why."
    assert repo.leave.between(date(2024, 5, 1), date(2024, 5, 31)) == [] and _rows(page) == []
    entry = repo.audit.entries()[0]
    assert (entry.actor, entry.action) == ("admin", "delete_leave")
    assert entry.detail == (
        "0012: annual leave 2024-05-08 00:00 to 2024-05-11 00:00 (id 1); reason: 请假取消，员工已上班"
    )


def test_the_page_in_chinese(make_window, open_admin, repo) -> None:
    zhang = repo.employees.add("0012", "张伟", "生产部")
    repo.leave.add(zhang.id, datetime(2024, 5, 8), datetime(2024, 5, 11), "sick")
    page = _page(make_window, open_admin, language="zh_CN")
    assert page.windowTitle() == "请假"
    assert _rows(page)[0][2] == "病假"
    assert [page.leave_type.itemText(i) for i in range(4)] == ["年假", "病假", "事假", "其他假"]
