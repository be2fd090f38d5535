"""The kiosk's background sync as a person at the door and an admin see it.

The kiosk syncs in its own thread with the session's real PostgreSQL server;
the screen shows one small line (last sync, check-ins waiting) and warns
admins once a check-in has waited longer than ``sync_warning_after_min``.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from kiosk.security.pins import PinStore
from kiosk.storage.models import AttendanceEvent
from kiosk.storage.repository import Repository

INTERVAL_S = 0.3
"""Seconds between the test kiosk's rounds (a real kiosk waits a minute)."""


@pytest.fixture
def waiting_check_in(repo: Repository, clock) -> AttendanceEvent:
    zhang = repo.employees.add("0012", "张伟", templates=[("front", np.full(128, 0.05, dtype=np.float32))])
    return repo.events.add(AttendanceEvent(None, zhang.id, "in", clock(), 480, 0.3, True, "face", "door-1"))


def test_the_kiosk_sends_its_check_ins_in_the_background_and_says_so(
    postgres_url, qtbot, make_window, waiting_check_in, tmp_path
) -> None:
    # postgres_url first, so it is torn down last: the sync worker stops before the database is dropped.
    with Repository(postgres_url, files_base=tmp_path / "hr") as hr:  # the company's server
        window = make_window()
        label = window.kiosk.sync_status
        assert label.isHidden()  # a kiosk of its own says nothing about syncing
        admin = window.kiosk.admin_button
        qtbot.waitUntil(lambda: admin.width() > 0)
        # ...and the hidden line still holds its room: the Admin button stays a button at the right.
        assert admin.width() < window.kiosk.width() // 4
        assert admin.mapTo(window.kiosk, admin.rect().topRight()).x() > window.kiosk.width() * 0.9
        sync = window.start_sync(postgres_url, interval_s=INTERVAL_S)
        assert sync.worker_thread.thread.objectName() == "kiosk-sync"
        qtbot.waitUntil(lambda: label.status is not None and label.status.pending == 0, timeout=20_000)
        assert label.isVisible() and not label.warning
        assert label.text().startswith("Synced ") and label.text().endswith("0 waiting")
        assert [event.uid for event in hr.events.between(
            waiting_check_in.at_utc - timedelta(hours=1), waiting_check_in.at_utc + timedelta(hours=1)
        )] == [waiting_check_in.uid]  # fmt: skip
        window.set_language("zh_CN")
        assert label.text().startswith("已同步 ") and label.text().endswith("0 条待发送")


@pytest.mark.expected_log("kiosk.ui", "sync failed")
def test_with_the_server_unreachable_the_kiosk_warns_admins_once_check_ins_wait_too_long(
    qtbot, make_window, waiting_check_in, postgres_server, clock
) -> None:
    window = make_window()
    label = window.kiosk.sync_status
    window.start_sync(postgres_server.url("nowhere", port=1), interval_s=INTERVAL_S)
    qtbot.waitUntil(lambda: label.status is not None and label.failure is not None, timeout=20_000)
    assert not label.warning
    assert label.text() == "Not yet synced · server unreachable · 1 waiting"
    assert "Cannot reach the attendance server" in label.toolTip()
    clock.advance(minutes=window.settings.sync_warning_after_min + 1)
    qtbot.waitUntil(lambda: label.warning, timeout=20_000)
    assert label.text() == "Admin: unsent check-ins: 1 · oldest 1 h ago · Not yet synced · server unreachable"
    window.set_language("zh_CN")
    assert label.text() == "管理员：未发送的签到 1 条 · 最早的在 1 小时前 · 尚未同步 · 无法连接服务器"


@pytest.mark.expected_log("kiosk.sync", "PINs from the server cannot be checked")
def test_a_kiosk_whose_pin_key_is_not_the_servers_tells_admins_on_its_sync_line(
    qtbot, postgres_url, make_window, tmp_path
) -> None:  # the server first, so it is torn down after the window's sync worker has stopped
    with Repository(postgres_url, files_base=tmp_path / "hr") as hr:  # HR sets a personal PIN with the company key
        alice = hr.employees.add("0031", "Alice Chen")
        PinStore(hr).set_employee_pin(alice.id, "2468", actor="hr")
    window = make_window()  # this kiosk made its own PIN key with its admin PIN
    label = window.kiosk.sync_status
    window.start_sync(postgres_url, interval_s=INTERVAL_S)
    qtbot.waitUntil(lambda: label.pin_key_problem is not None, timeout=20_000)
    assert label.warning
    assert label.text().startswith("Admin: PINs cannot be checked: this kiosk's PIN key file is not the server's · ")
    window.set_language("zh_CN")
    assert label.text().startswith("管理员：无法核对 PIN：本机的 PIN 密钥文件与服务器的不同 · ")
