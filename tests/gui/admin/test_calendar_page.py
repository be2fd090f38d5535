"""The work calendar page: statutory holidays, 调休 make-up workdays and company dates, each in its own colour,
drawn in the grid (read back from the painted pixels), set and cleared on a tapped day, audited; a year the
statutory package does not know gets its one-line notice."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt

from kiosk.storage.models import StoredCalendarDay
from kiosk.ui.admin.calendar_page import (
    COMPANY_OFF,
    COMPANY_WORKDAY,
    MAKEUP_WORKDAY,
    ORDINARY,
    STATUTORY_HOLIDAY,
    WEEKEND,
    CalendarPage,
)


def _page(make_window, open_admin, **kwargs) -> CalendarPage:
    window = make_window(**kwargs)
    page = open_admin(window, "calendar")
    assert isinstance(page, CalendarPage)
    return page


def _painted(page: CalendarPage, day: date) -> str:
    """The colour the grid paints inside ``day``'s square (right of its number, above its marker)."""
    index = next(i for i, cell in enumerate(page.grid.cells) if cell.day == day)
    rect = page.grid.cell_rect(index)
    image = page.grid.grab().toImage()
    return image.pixelColor(QPoint(int(rect.right()) - 12, int(rect.center().y()))).name()


def _tap(qtbot, page: CalendarPage, day: date) -> None:
    index = next(i for i, cell in enumerate(page.grid.cells) if cell.day == day)
    qtbot.mouseClick(page.grid, Qt.MouseButton.LeftButton, pos=page.grid.cell_rect(index).center().toPoint())


def test_the_month_marks_holidays_and_make_up_days_in_their_colours(qtbot, make_window, open_admin) -> None:
    page = _page(make_window, open_admin)  # the clock says Monday 2024-05-06
    assert page.month_label.text() == "May 2024"
    assert page.grid.cells[0].day == date(2024, 4, 29) and len(page.grid.cells) == 42
    labour_day, make_up, saturday, monday = (date(2024, 5, d) for d in (1, 11, 18, 6))
    expected = {labour_day: (STATUTORY_HOLIDAY, "Labour Day"), make_up: (MAKEUP_WORKDAY, "Make-up day"),
                saturday: (WEEKEND, ""), monday: (ORDINARY, "")}  # fmt: skip
    for day, ((fill, ink), marker) in expected.items():
        cell = page.grid.cell(day)
        assert cell is not None
        assert (cell.fill, cell.ink, cell.marker) == (fill, ink, marker)
        assert _painted(page, day) == fill
    assert not page.notice.isVisible()
    assert [label.text() for label in page.legend.values()] == [
        "Statutory holiday", "Make-up workday (调休)", "Company day off", "Company workday", "Weekend",
    ]

    _tap(qtbot, page, labour_day)
    assert page.day_text.text() == "Statutory holiday: Labour Day."
    _tap(qtbot, page, make_up)
    assert page.day_text.text() == "Make-up workday (调休) for Labour Day."
    assert not page.clear_button.isEnabled()  # nothing of the company's to clear

    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.month_label.text() == "June 2024"
    assert page.grid.cell(date(2024, 6, 10)).marker == "Dragon Boat Festival"


def test_company_dates_are_set_drawn_audited_and_cleared(qtbot, make_window, open_admin, repo) -> None:
    page = _page(make_window, open_admin)
    outing, stocktake = date(2024, 5, 17), date(2024, 5, 25)  # a Friday and a Saturday
    _tap(qtbot, page, outing)
    page.name.setText("公司团建")
    qtbot.mouseClick(page.off_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "2024-05-17 is a day off for everyone."
    _tap(qtbot, page, stocktake)
    assert page.name.text() == ""
    qtbot.mouseClick(page.workday_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "2024-05-25 is a workday for everyone."

    assert repo.calendar.between(date(2024, 5, 1), date(2024, 5, 31)) == [
        StoredCalendarDay(outing, True, "公司团建"), StoredCalendarDay(stocktake, False, ""),
    ]
    assert (page.grid.cell(outing).fill, page.grid.cell(outing).marker) == (COMPANY_OFF[0], "公司团建")
    assert (page.grid.cell(stocktake).fill, page.grid.cell(stocktake).marker) == (COMPANY_WORKDAY[0], "Workday")
    assert _painted(page, outing) == COMPANY_OFF[0] and _painted(page, stocktake) == COMPANY_WORKDAY[0]
    details = [(e.action, e.detail) for e in repo.audit.entries() if e.action.endswith("calendar_day")]
    assert details == [("set_calendar_day", "2024-05-25 workday"), ("set_calendar_day", "2024-05-17 off (公司团建)")]

    # A company date wins over a statutory one, and clearing gives the statutory one back.
    _tap(qtbot, page, date(2024, 5, 2))
    qtbot.mouseClick(page.workday_button, Qt.MouseButton.LeftButton)
    assert page.grid.cell(date(2024, 5, 2)).fill == COMPANY_WORKDAY[0]
    _tap(qtbot, page, outing)
    assert page.name.text() == "公司团建" and page.day_text.text() == "Company day off: 公司团建."
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    _tap(qtbot, page, date(2024, 5, 2))
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.grid.cell(outing).fill == ORDINARY[0] and _painted(page, outing) == ORDINARY[0]
    assert page.grid.cell(date(2024, 5, 2)).fill == STATUTORY_HOLIDAY[0]
    assert repo.calendar.between(date(2024, 5, 1), date(2024, 5, 31)) == [StoredCalendarDay(stocktake, False, "")]
    assert repo.audit.entries()[0].action == "clear_calendar_day"


def test_a_year_the_package_does_not_know_says_so(qtbot, make_window, open_admin) -> None:
    page = _page(make_window, open_admin)
    page.show_month(date(2027, 10, 1))
    assert page.notice.isVisible()
    assert page.notice.text() == (
        "Statutory holidays for 2027 are not known to this version; only the company's own dates apply."
    )
    assert page.grid.cell(date(2027, 10, 1)).fill == ORDINARY[0]  # never guessed
    page.show_month(date(2026, 10, 1))
    assert not page.notice.isVisible()


def test_the_page_in_chinese(qtbot, make_window, open_admin) -> None:
    page = _page(make_window, open_admin, language="zh_CN")
    assert page.windowTitle() == "工作日历"
    assert page.month_label.text() == "2024年5月"
    assert page.grid.cell(date(2024, 5, 1)).marker == "劳动节"
    assert page.grid.cell(date(2024, 5, 11)).marker == "调休上班"
    page.show_month(date(2027, 1, 1))
    assert page.notice.text() == "本版本不知道 2027 年的法定节假日；只按公司自己设定的日期计算。"
