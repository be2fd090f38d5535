"""Another program holds the database's write lock: the kiosk stays responsive,
says "busy", retries, and records the check-in exactly once after the lock goes.

The lock is held by a real second process (``tests/db_lock.py``) until the test
releases it. Nothing here measures time: the event loop is shown to keep
running by a timer that keeps firing while the lock is held.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from db_lock import write_lock
from PySide6.QtCore import QTimer

from kiosk.security.pins import PinStore
from kiosk.ui.prompts import PromptKind

BUSY = "The attendance log is busy; trying again…"
PIN = "975310"
FOREVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def _ticking(window) -> list[int]:
    """A timer on the GUI thread counting its own timeouts: proof the event loop runs."""
    ticks: list[int] = []
    timer = QTimer(window)
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(len(ticks)))
    timer.start()
    return ticks


def _click_ok(dialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


@pytest.mark.expected_log("kiosk.ui", "database busy")
def test_admin_pin_during_a_lock_says_busy_and_opens_once_the_lock_goes(qtbot, make_window, repo, db_path) -> None:
    window = make_window(admin_pin=PIN)
    with write_lock(db_path) as lock:
        window.kiosk.admin_requested.emit()
        dialog = window.pin_dialog
        assert dialog is not None
        dialog.field.setText(PIN)
        ticks = _ticking(window)
        _click_ok(dialog)  # returns: the check gave up after the short busy timeout
        assert dialog.error.text() == BUSY
        assert dialog.isVisible() and not window.in_admin_mode
        seen = len(ticks)
        qtbot.waitUntil(lambda: len(ticks) >= seen + 10, timeout=60_000)  # the loop keeps running
        assert dialog.error.text() == BUSY and not window.in_admin_mode
        lock.release()
        qtbot.waitUntil(lambda: window.in_admin_mode, timeout=60_000)  # the retry got through
    assert [entry.action for entry in repo.audit.entries()].count("admin_pin_ok") == 1


@pytest.mark.expected_log("kiosk.ui", "database busy")
def test_pin_check_in_during_a_lock_is_recorded_once_and_shown_only_after_it_is(
    qtbot, make_window, repo, db_path
) -> None:
    ann = repo.employees.add("0042", "Ann Li")
    PinStore(repo).set_employee_pin(ann.id, "8642")
    window = make_window()
    with write_lock(db_path) as lock:
        window.kiosk.pin_fallback_requested.emit()
        dialog = window.employee_pin_dialog
        assert dialog is not None
        dialog.code.setText("0042")
        dialog.pin.setText("8642")
        ticks = _ticking(window)
        _click_ok(dialog)
        assert dialog.error.text() == BUSY and dialog.isVisible()
        seen = len(ticks)
        qtbot.waitUntil(lambda: len(ticks) >= seen + 10, timeout=60_000)
        assert window.kiosk.prompt is None or window.kiosk.prompt.kind is not PromptKind.CHECKED_IN
        assert repo.events.between(*FOREVER) == []
        lock.release()
        qtbot.waitUntil(lambda: window.kiosk.prompt is not None
                        and window.kiosk.prompt.kind is PromptKind.CHECKED_IN, timeout=60_000)
    assert window.employee_pin_dialog is None  # accepted and closed
    assert window.kiosk.banner.text() == "Welcome, Ann Li — checked in 08:57"
    events = repo.events.between(*FOREVER)
    assert [(e.employee_id, e.kind, e.source) for e in events] == [(ann.id, "in", "pin")]


@pytest.mark.expected_log("kiosk.engine", "not yet saved when the engine closed")
@pytest.mark.expected_log("kiosk.engine", "pending")
def test_a_pending_check_in_survives_an_engine_reload(tmp_path, faces, video_frames, recorded_analyzers) -> None:
    """The kiosk's engine opener (reopened after every settings or enrollment change)
    carries a check-in the busy database has not taken yet over to the next engine."""
    from datetime import timedelta

    import numpy as np
    from clocks import CHINA

    from kiosk.engine import EventKind, create_analyzer
    from kiosk.enrollment.session import save_enrollment, templates_from_images
    from kiosk.settings.specs import Settings
    from kiosk.storage.repository import Repository
    from kiosk.ui.app import engine_opener
    from kiosk.vision.types import Frame

    db = tmp_path / "k.sqlite"
    start = datetime(2026, 11, 23, 8, 55, tzinfo=CHINA)
    with Repository(db) as admin:
        images = sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg"))
        save_enrollment(admin, code="0012", name="张伟",
                        templates=templates_from_images(create_analyzer(Settings()), images))
    elapsed = [0.0]
    opener = engine_opener(db, Settings, lambda: start + timedelta(seconds=elapsed[0]), asynchronous=False)
    frames = video_frames("blink-0012.mp4")
    with write_lock(db) as lock:
        with opener() as process:
            for frame in frames:
                elapsed[0] = frame.timestamp
                if process(frame).status is EventKind.SAVING:
                    break
            else:
                pytest.fail("the subject was never identified and live")
        # reloaded: a new engine, a new connection
        with opener() as process:
            empty = Frame(frame.index + 1, np.zeros_like(frame.rgb), frame.timestamp + 0.1)
            assert process(empty).events == ()
            lock.release()
            [event] = process(Frame(frame.index + 2, empty.rgb, frame.timestamp + 0.2)).events
    assert (event.kind, event.employee.code) == (EventKind.CHECKED_IN, "0012")
    with Repository(db) as reader:
        stored = reader.events.between(start - timedelta(days=1), start + timedelta(days=1))
    assert [(e.kind, e.at_utc) for e in stored] == [("in", start + timedelta(seconds=frame.timestamp))]
