"""A status line written before a language switch is said again in the new language."""

from __future__ import annotations

from kiosk.ui.admin.staff import StaffPage


def test_status_lines_follow_a_language_switch(make_window, open_admin, repo) -> None:
    repo.employees.add("0012", "张伟", "生产部")
    window = make_window()
    staff = open_admin(window, "employees")
    assert isinstance(staff, StaffPage)
    employee = repo.employees.find("0012")
    assert staff.save_employee(employee, "张伟", "质检部")
    assert staff.status.text() == "Saved 0012."

    window.set_language("zh_CN")
    assert staff.status.text() == "已保存 0012。"
    window.set_language("en")
    assert staff.status.text() == "Saved 0012."

    staff.save_employee(employee, "", "质检部")  # refused by the engine: its one line stays as it is
    refused = staff.status.text()
    assert refused and refused != "Saved 0012."
    window.set_language("zh_CN")
    assert staff.status.text() == refused
