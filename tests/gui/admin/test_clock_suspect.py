"""While the kiosk's clock looks wrong admins see a red line, on the kiosk screen and the admin home;
the punches it stamped are listed on the Corrections page for HR to confirm (audited) or fix."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from clocks import CHINA
from PySide6.QtCore import QDate, Qt

from kiosk.attendance.scan import AttendanceRules
from kiosk.storage.models import AttendanceEvent

FUTURE = datetime(2024, 5, 6, 10, 0, tzinfo=CHINA)
"""A check-in another door stamped at 10:00, while this kiosk's clock says 08:57."""


@pytest.mark.expected_log("kiosk.ui", "clock suspect: the clock reads 2024-05-06 08:57+08:00")
def test_admins_see_a_red_line_while_the_clock_is_suspect(qtbot, make_window, repo, clock, employee_0012) -> None:
    window = make_window()
    window.health.check_now()
    assert window.kiosk.health_line.isHidden()
    at_another_door = AttendanceEvent(None, employee_0012, "in", FUTURE.astimezone(UTC), 480, 0.4, True, "face", "d2")
    repo.events.add(at_another_door)
    window.health.check_now()
    expected = ("Admin: the clock looks wrong (earlier than a check-in recorded at 2024-05-06 10:00); set it. "
                "Check-ins are flagged for HR to check")
    assert window.kiosk.health_line.isVisibleTo(window.kiosk) and window.kiosk.health_line.text() == expected
    assert "#b00020" in window.kiosk.health_line.styleSheet()  # red
    window.gate.check("246813")
    window.show_admin_home()  # looks again on the way in
    assert window.admin_home.health_line.isVisibleTo(window.admin_home)
    assert window.admin_home.health_line.text() == expected
    clock.now = FUTURE + timedelta(minutes=1)  # someone set the clock
    window.health.check_now()
    assert window.kiosk.health_line.isHidden() and window.admin_home.health_line.isHidden()


@pytest.fixture
def employee_0012(repo) -> int:
    return repo.employees.add("0012", "张伟", "生产部").id


@pytest.mark.expected_log("kiosk.ui", "clock suspect")
def test_hr_finds_every_flagged_punch_and_confirms_it(qtbot, make_window, open_admin, repo, employee_0012) -> None:
    other = repo.employees.add("0031", "Alice Chen", "财务部").id
    repo.events.add(AttendanceEvent(None, other, "in", FUTURE.astimezone(UTC), 480, 0.4, True, "face", "door-2"))
    stamped = datetime(2000, 1, 1, 8, 3, tzinfo=CHINA)  # a kiosk woken with a dead CMOS battery
    person = repo.employees.get(employee_0012)
    assert person is not None
    flagged = AttendanceRules(repo, lambda: stamped).register(person, distance=0.4, live=True).event
    assert flagged is not None and flagged.flags == ("clock_suspect",)
    window = make_window()
    page = open_admin(window, "corrections")
    assert page.flagged_note.isVisibleTo(page)
    assert page.flagged_note.text().startswith("1 punch(es) stamped while the kiosk's clock looked wrong")
    assert flagged.id not in [event.id for event in page.events]  # 2000-01-01: far outside the last week
    page.only_flagged.setChecked(True)
    assert [event.id for event in page.events] == [flagged.id]
    assert page.table.item(0, 0).text() == "2000-01-01" and page.table.item(0, 7).text() == "Clock looked wrong"
    assert page.select_event(flagged.id)
    assert not page.confirm_button.isEnabled()  # a reason first
    qtbot.keyClicks(page.reason, "came in at 08:03 on 2024-05-06 by the team leader's list")
    assert page.confirm_button.isEnabled()
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    assert page.events == [] and page.flagged_note.isHidden()
    entry = repo.audit.entries()[0]
    assert (entry.action, entry.actor) == ("confirm_event", "admin")
    assert entry.detail.startswith(f"event {flagged.id}: 0012 in at 2000-01-01 08:03:00+08:00 confirmed")
    audit = open_admin(window, "audit")
    assert audit.table.item(0, 2).text() == "Event time confirmed"
    page = open_admin(window, "corrections")
    page.only_flagged.setChecked(False)
    page.start.setDate(QDate(2000, 1, 1))
    first = page.events[0]  # 2000-01-01, the earliest
    assert (first.id, first.flags) == (flagged.id, ())
