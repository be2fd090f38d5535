"""Admin-screen fixtures: an open admin session and a week of realistic attendance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from clocks import CHINA

from kiosk.attendance.scan import AttendanceRules
from kiosk.storage.repository import Repository
from kiosk.ui.main_window import MainWindow

ADMIN_PIN = "246813"  # what the make_window fixture stores by default


def _open_admin(window: MainWindow, page: str):
    if not window.gate.is_open:
        window.gate.check(ADMIN_PIN)
    window.show_admin_home()
    window.show_admin_page(page)
    return window.admin_pages[page]


@pytest.fixture
def open_admin() -> Callable[[MainWindow, str], object]:
    """Enter admin mode (the PIN gate itself is tested in test_admin_pin) and show a page."""
    return _open_admin


@pytest.fixture
def seed_week() -> Callable[[Repository], dict[str, int]]:
    """Three employees and their check-ins/outs on 2024-04-29 … 2024-05-03 (UTC+8), via the real rules.

    张伟 (0012, 生产部) works 08:55–17:30 but arrives 09:20 on Wednesday and
    forgets to check out on Friday; Alice Chen (0031, 财务部) works 08:30–17:00
    Monday to Wednesday; 李娜 (0044, 生产部) only Tuesday 09:05–18:05.
    """

    def seed(repo: Repository) -> dict[str, int]:
        ids = {
            "0012": repo.employees.add("0012", "张伟", "生产部").id,
            "0031": repo.employees.add("0031", "Alice Chen", "财务部").id,
            "0044": repo.employees.add("0044", "李娜", "生产部").id,
        }
        now = datetime(2024, 4, 29, 8, 0, tzinfo=CHINA)
        rules = AttendanceRules(repo, lambda: now)

        def scan(code: str, day: int, hour: int, minute: int) -> None:
            moment = datetime(2024, 4, 29 + day, hour, minute, tzinfo=CHINA) if 29 + day <= 30 else (
                datetime(2024, 5, day - 1, hour, minute, tzinfo=CHINA)
            )
            rules.register(repo.employees.get(ids[code]), distance=0.41, live=True, at=moment)

        for day in range(5):  # Mon 29 Apr … Fri 3 May
            scan("0012", day, 9 if day == 2 else 8, 20 if day == 2 else 55)
            if day != 4:
                scan("0012", day, 17, 30)
        for day in range(3):
            scan("0031", day, 8, 30)
            scan("0031", day, 17, 0)
        scan("0044", 1, 9, 5)
        scan("0044", 1, 18, 5)
        return ids

    return seed


@pytest.fixture
def week_clock(clock):
    """The fixed clock moved to Friday 2024-05-03 18:30 (UTC+8), the end of the seeded week."""
    clock.now = datetime(2024, 5, 3, 18, 30, tzinfo=CHINA)
    return clock


