"""The engine end to end on real video: enrolled subject checks in once, photos never.

Videos come decoded from ``video_frames`` and faces from the run's recorded
analyser (``tests/recorded.py``): each frame reaches dlib once per run.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import pytest
from clocks import CHINA
from face_data import PHOTO_VIDEOS

from kiosk.engine import EventKind, FrameResult
from kiosk.enrollment.session import save_enrollment, templates_from_images
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.vision.types import Frame
from kiosk.wiring import create_engine

START = datetime(2026, 11, 23, 8, 55, tzinfo=CHINA)


@pytest.fixture(scope="module")
def templates_0012(faces, analyzer):
    return templates_from_images(analyzer, sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg")))


def _run(repo: Repository, frames: Sequence[Frame], analyzer, settings: Settings | None = None) -> list[FrameResult]:
    """Every frame through a fresh engine whose clock follows the video's own time."""
    elapsed = [0.0]
    engine = create_engine(
        repo, settings or Settings(), clock=lambda: START + timedelta(seconds=elapsed[0]), analyzer=analyzer
    )
    results = []
    for frame in frames:
        elapsed[0] = frame.timestamp
        results.append(engine.process(frame))
    return results


def test_blink_video_checks_in_the_enrolled_subject_exactly_once(
    tmp_path, video_frames, analyzer, templates_0012
) -> None:
    with Repository(tmp_path / "k.sqlite") as repo:
        employee = save_enrollment(repo, code="0012", name="张伟", templates=templates_0012)
        results = _run(repo, video_frames("blink-0012.mp4"), analyzer)
        events = [e for r in results for e in r.events]
        attendance = [e for e in events if e.kind in (EventKind.CHECKED_IN, EventKind.CHECKED_OUT)]
        assert [(e.kind, e.employee.code) for e in attendance] == [(EventKind.CHECKED_IN, "0012")]
        assert attendance[0].live is True
        stored = repo.events.between(START - timedelta(hours=1), START + timedelta(hours=1))
        assert [(e.employee_id, e.kind, e.source, e.live) for e in stored] == [(employee.id, "in", "face", True)]
        assert stored[0].utc_offset_minutes == 480
        # The person in the background is never the subject once the session has started.
        assert all(r.subject_name in (None, "张伟") for r in results)


@pytest.mark.parametrize("video", PHOTO_VIDEOS)
def test_printed_photo_writes_nothing(tmp_path, faces, video_frames, analyzer, video) -> None:
    subject = video.split("-")[1][:4]
    with Repository(tmp_path / "k.sqlite") as repo:
        # Enroll the very person on the photo: recognition will succeed, liveness must not.
        images = sorted((faces / "webcam/nuaa/live" / subject).glob("*.jpg"))
        save_enrollment(repo, code=subject, name=subject, templates=templates_from_images(analyzer, images[:5]))
        results = _run(repo, video_frames(video), analyzer)
        assert repo.events.between(START - timedelta(days=1), START + timedelta(days=1)) == []
        assert not any(e.kind in (EventKind.CHECKED_IN, EventKind.CHECKED_OUT) for r in results for e in r.events)


def test_stranger_is_not_recognised(tmp_path, faces, video_frames, analyzer) -> None:
    with Repository(tmp_path / "k.sqlite") as repo:
        for subject in ("0001", "0003", "0007"):
            images = sorted((faces / "webcam/nuaa/live" / subject).glob("*.jpg"))[:5]
            save_enrollment(repo, code=subject, name=subject, templates=templates_from_images(analyzer, images))
        # 12 s of the video: past one whole liveness timeout (8 s), and 0013 blinks in it (frame 44), so
        # a wrong identity would have checked in. A stranger is encoded 4 times a second for as long as he
        # stays, which over the whole 27 s video cost more dlib than any other engine test.
        results = _run(repo, video_frames("blink-0013.mp4")[:240], analyzer)
        assert repo.events.between(START - timedelta(days=1), START + timedelta(days=1)) == []
        kinds = {e.kind for r in results for e in r.events}
        assert EventKind.UNKNOWN in kinds and EventKind.CHECKED_IN not in kinds


def test_liveness_off_checks_in_without_a_blink_and_cooldown_holds(
    tmp_path, video_frames, analyzer, templates_0012
) -> None:
    with Repository(tmp_path / "k.sqlite") as repo:
        save_enrollment(repo, code="0012", name="张伟", templates=templates_0012)
        settings = Settings(liveness_required=False)
        first = [e for r in _run(repo, video_frames("blink-0012.mp4"), analyzer, settings) for e in r.events]
        assert [e.kind for e in first if e.kind != EventKind.UNKNOWN][:1] == [EventKind.CHECKED_IN]
        # Same video again, same start time: within the cooldown, nothing new is written.
        second = [e for r in _run(repo, video_frames("blink-0012.mp4"), analyzer, settings) for e in r.events]
        assert [e.kind for e in second] == [EventKind.COOLDOWN]
        assert len(repo.events.between(START - timedelta(days=1), START + timedelta(days=1))) == 1


def test_engine_picks_up_an_enrollment_made_by_another_connection(
    tmp_path, video_frames, analyzer, templates_0012
) -> None:
    db = tmp_path / "k.sqlite"
    with Repository(db) as kiosk_repo, Repository(db) as admin_repo:
        engine = create_engine(kiosk_repo, Settings(), clock=lambda: START, analyzer=analyzer)
        frames = video_frames("blink-0012.mp4")
        assert engine.process(frames[0]).subject_name is None
        save_enrollment(admin_repo, code="0012", name="张伟", templates=templates_0012)  # e.g. the CLI
        names = {engine.process(frame).subject_name for frame in frames[:200]}
        assert "张伟" in names


def test_encoder_process_checks_in_the_same_person_once_without_stalling_the_frames(
    tmp_path, video_frames, analyzer, templates_0012
) -> None:
    """The live kiosk's encoder: votes arrive frames after they were asked for, and the result is the same."""
    from kiosk.vision.encoder import ProcessEncoder

    frames = video_frames("blink-0012.mp4")
    with Repository(tmp_path / "k.sqlite") as repo, ProcessEncoder.start() as encoder:
        save_enrollment(repo, code="0012", name="张伟", templates=templates_0012)
        engine = create_engine(repo, Settings(), clock=lambda: START, analyzer=analyzer, encoder=encoder)
        results = []
        for frame in frames:
            results.append(engine.process(frame))
            if any(e.kind is EventKind.CHECKED_IN for e in results[-1].events):
                break
            # A video replays far faster than the encoder encodes: give it a camera's pace only while it works,
            # so the replay does not run out of frames. Never a timing assertion, just pacing.
            encoder.poll(0.05)  # leaves the encoding for the engine to collect
        attendance = [e for r in results for e in r.events if e.kind in (EventKind.CHECKED_IN, EventKind.CHECKED_OUT)]
        assert [(e.kind, e.employee.code, e.live) for e in attendance] == [(EventKind.CHECKED_IN, "0012", True)]
        # Every frame got landmarks and a blink state while encodings were in flight.
        assert all(r.liveness is not None for r in results if r.subject is not None)
        assert len(repo.events.between(START - timedelta(hours=1), START + timedelta(hours=1))) == 1
