"""The engine, not the screen, decides when a stranger or a failing face is offered the PIN fallback."""

from __future__ import annotations

from datetime import datetime

import pytest
from clocks import CHINA

from kiosk.engine import EngineEvent, EventKind
from kiosk.enrollment.session import save_enrollment, templates_from_images
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.wiring import create_engine

START = datetime(2026, 11, 23, 8, 55, tzinfo=CHINA)


@pytest.fixture
def frames_0013(video_frames):
    return video_frames("blink-0013.mp4")


def _unknowns(tmp_path, faces, analyzer, frames, settings: Settings) -> list[EngineEvent]:
    """UNKNOWN events for 0013, a stranger to a kiosk where three other people are enrolled."""
    with Repository(tmp_path / f"k-{id(settings)}.sqlite") as repo:
        for subject in ("0001", "0003", "0007"):
            images = sorted((faces / "webcam/nuaa/live" / subject).glob("*.jpg"))[:5]
            save_enrollment(repo, code=subject, name=subject, templates=templates_from_images(analyzer, images))
        engine = create_engine(repo, settings, clock=lambda: START, analyzer=analyzer)
        events = [event for frame in frames for event in engine.process(frame).events]
    assert {event.kind for event in events} == {EventKind.UNKNOWN}
    return events


def test_pin_is_offered_from_the_configured_failure_on(tmp_path, faces, analyzer, frames_0013) -> None:
    unknowns = _unknowns(tmp_path, faces, analyzer, frames_0013, Settings(failed_attempts_before_pin=3))
    assert len(unknowns) >= 3
    assert [event.offer_pin for event in unknowns] == [False, False] + [True] * (len(unknowns) - 2)


def test_pin_is_never_offered_when_the_fallback_is_off(tmp_path, faces, analyzer, frames_0013) -> None:
    settings = Settings(pin_fallback=False, failed_attempts_before_pin=1)
    unknowns = _unknowns(tmp_path, faces, analyzer, frames_0013, settings)
    assert unknowns and not any(event.offer_pin for event in unknowns)
