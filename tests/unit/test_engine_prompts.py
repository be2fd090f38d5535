"""The engine says what is actually missing: a blink from someone it recognised, or any enrolled staff at all.

Real videos through the run's recorded analyser, on a clock that follows the video.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from clocks import CHINA, FakeClock

from kiosk.engine import EngineEvent, EventKind, FrameResult
from kiosk.enrollment.session import save_enrollment, templates_from_images
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.vision.types import Frame
from kiosk.wiring import create_engine

START = datetime(2026, 11, 23, 8, 55, tzinfo=CHINA)


def _run(repo: Repository, frames: Sequence[Frame], analyzer, settings: Settings) -> list[FrameResult]:
    clock = FakeClock(START)
    engine = create_engine(repo, settings, clock=clock, analyzer=analyzer)
    results = []
    for frame in frames:
        clock.now = START + timedelta(seconds=frame.timestamp)
        results.append(engine.process(frame))
    return results


def _events(results: Sequence[FrameResult]) -> list[EngineEvent]:
    return [event for result in results for event in result.events]


def _enroll(repo: Repository, faces, analyzer, subject: str, name: str) -> None:
    images = sorted((faces / "webcam/nuaa/live" / subject).glob("*.jpg"))[:5]
    save_enrollment(repo, code=subject, name=name, templates=templates_from_images(analyzer, images))


def test_a_recognised_person_whose_blink_came_late_is_asked_to_blink_not_called_a_stranger(
    tmp_path, faces, video_frames, analyzer
) -> None:
    """blink-0013 is recognised within a second, but its first blink the detector reads comes more than
    1 s later: with a 1 s blink timeout the first attempt runs out (frame 31), and the next one sees a
    blink and checks in (frame 81). The first 100 frames (5 s) hold both.

    The engine names the person it recognised and says the blink is missing; nothing is written
    until the blink, and then exactly once.
    """
    with Repository(tmp_path / "k.sqlite") as repo:
        _enroll(repo, faces, analyzer, "0013", "李娜")
        results = _run(repo, video_frames("blink-0013.mp4")[:100], analyzer, Settings(liveness_timeout_s=1))
        events = _events(results)
        kinds = [event.kind for event in events]
        assert EventKind.UNKNOWN not in kinds
        assert kinds.count(EventKind.CHECKED_IN) == 1
        missed = [event for event in events if event.kind is EventKind.BLINK_NOT_SEEN]
        assert missed, kinds
        assert all(event.employee is not None and event.employee.name == "李娜" for event in missed)
        assert all(not event.live for event in missed)
        assert kinds.index(EventKind.BLINK_NOT_SEEN) < kinds.index(EventKind.CHECKED_IN)
        # While the engine waits out the retry, the status says the same thing as the event.
        first_miss = next(i for i, r in enumerate(results) if any(e.kind is EventKind.BLINK_NOT_SEEN for e in r.events))
        assert results[first_miss + 1].status is EventKind.BLINK_NOT_SEEN
        assert len(repo.events.between(START - timedelta(hours=1), START + timedelta(hours=1))) == 1


def test_a_photo_of_an_enrolled_person_is_asked_to_blink_and_never_recorded(
    tmp_path, faces, video_frames, analyzer
) -> None:
    """A printed photo of 0007 is recognised but cannot blink: "blink not seen", never "not recognised"."""
    with Repository(tmp_path / "k.sqlite") as repo:
        _enroll(repo, faces, analyzer, "0007", "王芳")
        events = _events(_run(repo, video_frames("photo-0007_01_01_03.mp4"), analyzer, Settings(liveness_timeout_s=1)))
        assert {event.kind for event in events} == {EventKind.BLINK_NOT_SEEN}
        assert {event.employee.code for event in events if event.employee is not None} == {"0007"}
        assert repo.events.between(START - timedelta(days=1), START + timedelta(days=1)) == []


def test_with_nobody_enrolled_a_face_is_told_so_once_and_offered_no_pin(tmp_path, video_frames, analyzer) -> None:
    with Repository(tmp_path / "k.sqlite") as repo:
        settings = Settings(failed_attempts_before_pin=1)
        results = _run(repo, video_frames("blink-0012.mp4")[:40], analyzer, settings)
        events = _events(results)
        assert [event.kind for event in events] == [EventKind.NO_STAFF_ENROLLED]
        assert not events[0].offer_pin
        with_face = [r for r in results if r.subject is not None]
        assert with_face and all(r.status is EventKind.NO_STAFF_ENROLLED for r in with_face)
        assert all(r.subject_name is None for r in results)
