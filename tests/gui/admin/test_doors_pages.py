"""The HR workstation's Doors and enrollment pages on the real server (issue 19).

HR registers a door login that synced unregistered, confirms a door seen in
check-ins before the upgrade, reviews one door's day, and approves and
rejects what the doors enrolled; every decision lands in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import psycopg
import pytest
from clocks import CHINA, FakeClock
from postgres import PostgresServer
from PySide6.QtCore import Qt

from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.ui.admin.workstation import HrWorkstation

ADMIN_PIN = "246813"
ROLES_SQL = Path(__file__).resolve().parents[3] / "kiosk" / "security" / "roles.sql"
VECTOR = np.full(128, 0.05, dtype=np.float32).tobytes()


@pytest.fixture
def company(
    postgres_server: PostgresServer, postgres_url: str, tmp_path: Path, clock: FakeClock,
    store_admin_pin: Callable[[Repository], None],
) -> Iterator[tuple[Repository, str, str]]:  # fmt: skip
    """The server (roles file applied, one check-in from a door seen before any registration), HR's
    repository on it, and a door login with its URL."""
    clock.now = datetime(2026, 12, 1, 18, 0, tzinfo=CHINA)
    database = postgres_url.rsplit("/", 1)[1]
    login = f"door_north_{database}"
    hr = Repository(postgres_url, files_base=tmp_path / "hr", clock=clock)
    store_admin_pin(hr)
    boss = hr.employees.add("BOSS", "Boss", actor="hr")
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(ROLES_SQL.read_text())
        conn.execute(f"CREATE ROLE {login} LOGIN PASSWORD 'pw' IN ROLE kiosk_door")
        conn.execute(
            "INSERT INTO events (uid, employee_id, kind, at_utc, utc_offset_minutes, distance, live, source, "
            "device_id, note) VALUES ('ev-1', %s, 'in', '2026-12-01T00:55:00.000000+00:00', 480, 0.3, 1, 'face', "
            "'kiosk-north', '')",
            [boss.id],
        )
    try:
        yield hr, login, postgres_server.url(database, user=login, password="pw")
    finally:
        hr.close()
        with postgres_server.admin(database) as conn:
            conn.execute(f"DROP OWNED BY {login}")
            conn.execute(f"DROP ROLE IF EXISTS {login}")


def _window(qtbot, hr: Repository, clock: FakeClock) -> HrWorkstation:
    window = HrWorkstation(hr, hr.path, Settings(), clock)
    qtbot.addWidget(window)
    window.show()
    assert window.gate.check(ADMIN_PIN)
    window.show_admin_home()
    return window


def test_hr_confirms_a_door_by_its_login_and_reviews_its_day(qtbot, company, clock) -> None:
    hr, login, _url = company
    window = _window(qtbot, hr, clock)
    assert {"doors", "enrollment_requests"} <= set(window.admin_home.page_buttons)
    window.show_admin_page("doors")
    page = window.admin_pages["doors"]
    assert page.windowTitle() == "Doors"
    # The door logins not registered yet and the device ids seen in check-ins are offered.
    assert [page.login.itemText(i) for i in range(page.login.count())] == [login]
    assert [page.device.itemText(i) for i in range(page.device.count())] == ["kiosk-north"]
    assert [(d.device_id, d.confirmed) for d in page.doors] == []  # a fresh server: nothing seen before v6
    page.login.setCurrentText(login)
    page.device.setCurrentText("kiosk-north")
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == f"{login} is the door kiosk-north now: it may send its check-ins."
    assert [(d.device_id, d.role_name, d.confirmed) for d in page.doors] == [("kiosk-north", login, True)]
    assert page.table.item(0, 2).text() == "Registered"

    assert page.select_door("kiosk-north")
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentWidget() is page.day_tab
    assert [(e.uid, e.device_id) for e in page.day_events] == [("ev-1", "kiosk-north")]
    assert page.day_table.item(0, 0).text() == "08:55:00" and page.day_table.item(0, 1).text() == "BOSS"
    assert page.day_summary.text().startswith("1 check-in")

    assert not page.remove_button.isEnabled()  # a reason first
    qtbot.keyClicks(page.reason, "kiosk stolen")
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert page.doors == []
    assert [e.action for e in hr.audit.entries()][:2] == ["remove_door", "register_door"]
    window.close()


def test_hr_approves_and_rejects_what_the_doors_enrolled(qtbot, company, clock) -> None:
    hr, login, url = company
    hr.doors.register(login, "kiosk-north", actor="hr")
    with psycopg.connect(url, autocommit=True) as conn:  # what a door's sync round sends
        for code, consent in (("0012", "2026-12-01T00:50:00.000000+00:00"), ("0013", None)):
            [(employee_id,)] = conn.execute(
                "INSERT INTO employees (uid, code, name, created_at, consent_at, enrolled_by, approval) "
                "VALUES (%s, %s, %s, '2026-12-01T00:51:00.000000+00:00', %s, session_user, 'pending') RETURNING id",
                [f"uid-{code}", code, f"Person {code}", consent],
            ).fetchall()
            conn.execute(
                "INSERT INTO templates (uid, employee_id, angle, vector, created_at) VALUES (%s, %s, 'front', %s, 'x')",
                [f"t-{code}", employee_id, VECTOR],
            )
    window = _window(qtbot, hr, clock)
    window.show_admin_page("enrollment_requests")
    page = window.admin_pages["enrollment_requests"]
    assert page.windowTitle() == "Enrollments from the doors"
    rows = [[page.table.item(r, c).text() for c in range(page.COLUMNS)] for r in range(page.table.rowCount())]
    assert rows == [
        ["New person", "0012", "Person 0012", "", "kiosk-north", login, "2026-12-01 08:51", "2026-12-01 08:50", "1"],
        ["New person", "0013", "Person 0013", "", "kiosk-north", login, "2026-12-01 08:51", "None recorded", "1"],
    ]
    assert page.select_request("0012")
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    assert page.status.text().startswith("Approved: 0012 reaches every door")
    assert page.select_request("0013")
    assert not page.reject_button.isEnabled()  # a reason first
    qtbot.keyClicks(page.reason, "no consent form on file")
    qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    assert page.requests == [] and page.table.rowCount() == 0
    entries = hr.audit.entries()
    assert [e.action for e in entries][:2] == ["reject_enrollment", "approve_enrollment"]
    assert entries[0].detail.endswith("reason: no consent form on file")
    rejected = hr.employees.find("0013")
    assert rejected is not None and not rejected.active
    window.show_admin_page("audit")
    assert window.admin_pages["audit"].table.item(0, 2).text() == "Enrollment at a door rejected"
    assert datetime(2026, 12, 1, tzinfo=UTC) < entries[0].at_utc
    window.close()


def test_a_punch_added_at_a_kiosk_that_syncs_carries_its_device_id_so_the_door_may_send_it(
    qtbot, make_window, open_admin, repo: Repository, seed_week, week_clock
) -> None:
    from kiosk.sync.device import generated_device_id

    ids = seed_week(repo)
    window = make_window()
    page = open_admin(window, "corrections")

    def add(reason: str) -> str:
        page.employee.setCurrentIndex(page.employee.findData(ids["0012"]))
        qtbot.keyClicks(page.reason, reason)
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
        [added] = [e for e in page.events if e.note == reason]
        return added.device_id

    assert add("on its own") == "admin"  # a kiosk without a server: as before
    window.follow_company_settings()  # what starting sync with a server does
    assert add("at a door") == generated_device_id(repo)


def test_the_kiosk_screen_tells_admins_when_the_server_does_not_take_its_check_ins(qtbot, clock) -> None:
    from kiosk.sync.round import SyncStatus
    from kiosk.ui.sync_status import SyncStatusLabel

    label = SyncStatusLabel(clock)
    qtbot.addWidget(label)
    refused = "server: this kiosk's login door_north is not registered as a door; ask HR to register it …"
    label.show_status(SyncStatus(None, 1, None), refused, warn_after_s=3600.0)
    assert label.warning and label.text() == (
        "Admin: the server does not take this kiosk's check-ins yet: ask HR (Doors page) · Not yet synced · 1 waiting"
    )
    assert label.toolTip() == refused
    label.show_status(SyncStatus(None, 1, None), "Cannot reach the attendance server …", warn_after_s=3600.0)
    assert not label.warning and label.text() == "Not yet synced · server unreachable · 1 waiting"
