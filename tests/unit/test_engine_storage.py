"""The engine and the database: a busy database delays a check-in but never loses
or fakes one, and a storage error is never reported as "not recognised".

The lock is held by a real second process (``tests/db_lock.py``); the engine's
connection waits only :data:`INTERACTIVE_BUSY_TIMEOUT_S`, as in the kiosk's
vision thread.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from clocks import CHINA
from db_lock import write_lock
from pending import check_ins, until_saving, walk_away

from kiosk.engine import EventKind
from kiosk.enrollment.session import save_enrollment, templates_from_images
from kiosk.errors import InputError
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.storage.sqlite import INTERACTIVE_BUSY_TIMEOUT_S
from kiosk.vision.types import Frame
from kiosk.wiring import create_engine

START = datetime(2026, 11, 23, 8, 55, tzinfo=CHINA)


@pytest.fixture(scope="module")
def templates_0012(faces, analyzer):
    return templates_from_images(analyzer, sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg")))


def _stored(repo: Repository) -> list[tuple[str, datetime]]:
    return [(e.kind, e.at_utc) for e in repo.events.between(START - timedelta(days=1), START + timedelta(days=1))]


@pytest.mark.expected_log("kiosk.engine", "pending")
def test_check_in_during_a_lock_is_committed_once_after_it_and_not_reported_before(
    tmp_path, video_frames, analyzer, templates_0012
) -> None:
    db = tmp_path / "k.sqlite"
    with Repository(db) as admin:
        save_enrollment(admin, code="0012", name="张伟", templates=templates_0012)
    frames = video_frames("blink-0012.mp4")
    elapsed = [0.0]
    with Repository(db, busy_timeout_s=INTERACTIVE_BUSY_TIMEOUT_S) as repo, Repository(db) as reader:
        engine = create_engine(repo, Settings(), clock=lambda: START + timedelta(seconds=elapsed[0]),
                               analyzer=analyzer)
        with write_lock(db) as lock:
            frame_iter = iter(frames)
            frame, reported, saving_s = until_saving(engine, frame_iter, elapsed)
            assert saving_s is not None, "the subject was never identified and live"
            saving_at = START + timedelta(seconds=saving_s)
            # The person walks away while the database stays locked: frames without a face,
            # long past the end of their session. The check-in stays pending. (Each frame waits out
            # the busy timeout, 0.2 s, so 4 s of frames come 0.4 s apart: 10 waits, not 40.)
            reported += walk_away(engine, frame, 10, 0.4, elapsed)
            assert reported == []
            assert engine.pending_check_ins == 1
            assert _stored(reader) == []
            lock.release()
            elapsed[0] += 0.1
            result = engine.process(Frame(frame.index + 11, np.zeros_like(frame.rgb), elapsed[0]))
        [event] = result.events
        assert (event.kind, event.employee.code, event.live) == (EventKind.CHECKED_IN, "0012", True)
        assert event.outcome is not None and event.outcome.event is not None
        # Recorded at the moment the person was there, not when the lock went away.
        assert _stored(reader) == [("in", saving_at)] == [("in", event.outcome.event.at_utc)]
        # The rest of the video: the same person again within the cooldown, nothing more written.
        for frame in list(frame_iter):
            elapsed[0] = frame.timestamp + 5.0
            result = engine.process(frame)
            reported += check_ins(result)
        assert reported == [] and engine.pending_check_ins == 0
        assert _stored(reader) == [("in", saving_at)]


def test_a_write_error_is_not_reported_as_not_recognised(tmp_path, video_frames, analyzer, templates_0012) -> None:
    """A clock at UTC+23:59 (no such zone) makes the write fail: the engine says so, it does not say "unknown"."""
    impossible = timezone(timedelta(hours=23, minutes=59))
    with Repository(tmp_path / "k.sqlite") as repo:
        save_enrollment(repo, code="0012", name="张伟", templates=templates_0012)
        engine = create_engine(repo, Settings(), clock=lambda: START.astimezone(impossible), analyzer=analyzer)
        kinds = []
        with pytest.raises(InputError, match="UTC offset"):
            for frame in video_frames("blink-0012.mp4"):
                kinds += [e.kind for e in engine.process(frame).events]
        assert kinds == [] and _stored(repo) == []
