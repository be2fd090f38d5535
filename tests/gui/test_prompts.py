"""Each engine status and event becomes the right large prompt, colour and sound.

Results are built directly from the engine's own dataclasses, so these tests
need neither a camera nor a face model.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from clocks import CHINA
from PySide6.QtWidgets import QApplication

from kiosk.attendance.scan import Outcome, OutcomeKind
from kiosk.engine import EngineEvent, EventKind, FrameResult
from kiosk.storage.models import AttendanceEvent, Employee
from kiosk.ui.i18n import install_translator
from kiosk.ui.kiosk_screen import KioskScreen
from kiosk.ui.prompts import Sound, Tone
from kiosk.ui.sounds import SoundPlayer
from kiosk.vision.types import Box

ANN = Employee(id=7, code="0012", name="Ann Li", department="Ops", active=True, consent_at=None, has_pin=False)
UTC = UTC
FACE = Box(200, 120, 360, 300)


def _event(kind: str, hour: int, minute: int) -> AttendanceEvent:
    # 08:57 in UTC+8 is 00:57 UTC.
    at = datetime(2024, 5, 6, hour, minute, tzinfo=CHINA).astimezone(UTC)
    return AttendanceEvent(None, ANN.id, kind, at, 480, 0.31, True, "face", "kiosk-1")


def _result(status: EventKind, *events: EngineEvent, name: str | None = None) -> FrameResult:
    subject = None if status is EventKind.NO_FACE else FACE
    return FrameResult(10, 0.5, (FACE,) if subject else (), subject, name, status, tuple(events))


def _engine_event(kind: EventKind, outcome: Outcome | None = None, *, offer_pin: bool = False) -> EngineEvent:
    employee = outcome.employee if outcome else None
    return EngineEvent(kind, 10, 0.5, employee, 0.31 if employee else None, True, outcome, offer_pin=offer_pin)


@pytest.fixture
def screen(qtbot, clock) -> KioskScreen:
    widget = KioskScreen(clock, sounds=SoundPlayer(enabled=True))
    qtbot.addWidget(widget)
    widget._on_camera_opened("video test")
    return widget


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (EventKind.NO_FACE, "Look at the camera"),
        (EventKind.LOOK_AT_CAMERA, "Look at the camera"),
        (EventKind.FACE_SEEN, "Hold still…"),
        (EventKind.BLINK_NEEDED, "Please blink"),
    ],
)
def test_waiting_statuses_are_amber_prompts(screen: KioskScreen, status: EventKind, text: str) -> None:
    screen.show_result(_result(status))
    assert screen.banner.text() == text
    assert screen.prompt.tone is Tone.WAITING
    assert screen.sounds.last_played is Sound.NONE


def test_check_in_welcomes_by_name_with_the_local_time(screen: KioskScreen) -> None:
    outcome = Outcome(OutcomeKind.CHECKED_IN, ANN, _event("in", 8, 57), None, timedelta(0))
    screen.show_result(_result(EventKind.CHECKED_IN, _engine_event(EventKind.CHECKED_IN, outcome), name="Ann Li"))
    assert screen.banner.text() == "Welcome, Ann Li — checked in 08:57"
    assert screen.prompt.tone is Tone.SUCCESS
    assert screen.sounds.last_played is Sound.SUCCESS
    assert screen.video.subject_name == "Ann Li"
    # The message is held: the next frame's status does not replace it.
    screen.show_result(_result(EventKind.NO_FACE))
    assert screen.banner.text() == "Welcome, Ann Li — checked in 08:57"


def test_check_out_says_time_worked_today(screen: KioskScreen) -> None:
    worked = timedelta(hours=8, minutes=34, seconds=59)
    outcome = Outcome(OutcomeKind.CHECKED_OUT, ANN, _event("out", 17, 31), 30_840.0, worked)
    screen.show_result(_result(EventKind.CHECKED_OUT, _engine_event(EventKind.CHECKED_OUT, outcome)))
    assert screen.banner.text() == "Goodbye, Ann Li — checked out 17:31, 8 h 34 min today"
    assert screen.prompt.tone is Tone.SUCCESS


@pytest.mark.parametrize(
    ("last_kind", "language", "text"),
    [
        ("in", "en", "Ann Li, already checked in at 08:57"),
        ("out", "en", "Ann Li, already checked out at 08:57"),
        ("in", "zh_CN", "Ann Li，已于 08:57 签到"),
        ("out", "zh_CN", "Ann Li，已于 08:57 签退"),
    ],
)
def test_cooldown_says_when_in_the_screen_language(qtbot, clock, last_kind: str, language: str, text: str) -> None:
    """The time of the earlier event (local, 08:57 at UTC+8), not only "40 s ago"."""
    app = QApplication.instance()
    screen = KioskScreen(clock)
    qtbot.addWidget(screen)
    outcome = Outcome(OutcomeKind.COOLDOWN, ANN, None, 40.4, timedelta(0), previous=_event(last_kind, 8, 57))
    try:
        install_translator(app, language)
        screen.show_result(_result(EventKind.COOLDOWN, _engine_event(EventKind.COOLDOWN, outcome)))
        assert screen.banner.text() == text
        assert screen.prompt.tone is Tone.WAITING
    finally:
        install_translator(app, "en")


def test_not_recognised_is_red_and_offers_pin_when_the_engine_says_so(screen: KioskScreen) -> None:
    # How many failures it takes is the engine's decision (tests/unit/test_engine.py).
    screen.show_result(_result(EventKind.UNKNOWN, _engine_event(EventKind.UNKNOWN)))
    assert screen.pin_button.isHidden()
    assert screen.banner.text() == "Not recognised — try again"
    assert screen.prompt.tone is Tone.FAILURE
    assert screen.sounds.last_played is Sound.FAILURE
    screen.show_result(_result(EventKind.UNKNOWN, _engine_event(EventKind.UNKNOWN, offer_pin=True)))
    assert not screen.pin_button.isHidden()
    assert screen.pin_button.text() == "Check in with code and PIN instead"
    outcome = Outcome(OutcomeKind.CHECKED_IN, ANN, _event("in", 8, 57), None, timedelta(0))
    screen.show_result(_result(EventKind.CHECKED_IN, _engine_event(EventKind.CHECKED_IN, outcome)))
    assert screen.pin_button.isHidden()


def test_held_message_gives_way_to_the_engine_status(qtbot, screen: KioskScreen) -> None:
    screen.show_result(_result(EventKind.UNKNOWN, _engine_event(EventKind.UNKNOWN)))
    screen.show_result(_result(EventKind.NO_FACE))
    screen._hold.setInterval(1)
    screen._hold.start()
    qtbot.waitUntil(lambda: screen.banner.text() == "Look at the camera", timeout=2000)


def test_a_recognised_face_without_a_blink_is_asked_to_blink_again(screen: KioskScreen) -> None:
    event = EngineEvent(EventKind.BLINK_NOT_SEEN, 10, 0.5, ANN, 0.31, False)
    screen.show_result(_result(EventKind.BLINK_NOT_SEEN, event, name=ANN.name))
    assert screen.banner.text() == "Blink not seen — please blink again"
    assert screen.prompt.tone is Tone.FAILURE
    assert screen.video.subject_name == "Ann Li"


def test_nobody_enrolled_says_so_and_offers_no_pin(screen: KioskScreen) -> None:
    event = EngineEvent(EventKind.NO_STAFF_ENROLLED, 10, 0.5)
    screen.show_result(_result(EventKind.NO_STAFF_ENROLLED, event))
    assert screen.banner.text() == "No staff enrolled yet — ask an admin to enroll staff"
    assert screen.sounds.last_played is Sound.NONE
    assert screen.pin_button.isHidden()
    # The engine's status keeps saying it after the held message ends.
    screen._on_hold_timeout()
    assert screen.banner.text() == "No staff enrolled yet — ask an admin to enroll staff"
