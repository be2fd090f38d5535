"""The stay-in-view rule on real video: someone who never leaves the camera's view is answered once.

``head-turn.mov`` is a man turning his head far left and right: around frame
163 his face is lost for 15 frames (1.0 s) and comes back as a new track, which
used to start a new session that checked him out, then in again. The last
80 frames (from his turn to the right, through the lost face, to his return
to the front) are played three times back to back (16 s) with the cooldown
and the earliest check-out both at zero, so only the stay-in-view rule can
keep the log at one event; then with the frames of an empty room between two
plays, where he has left and is answered again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import numpy as np
import pytest
from clocks import CHINA

from kiosk.engine import EngineConfig, EventKind
from kiosk.enrollment.capture import Template
from kiosk.enrollment.session import save_enrollment
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.vision.types import Frame
from kiosk.wiring import create_engine

START = datetime(2026, 11, 23, 14, 47, tzinfo=CHINA)
CLIP = slice(119, None)
"""Frames 119–198 of ``head-turn.mov``: 80 frames (5.3 s), the lost face at 163–177 among them."""
FRONTAL_FRAMES = (36, 38, 40, 42)
"""Frames of ``head-turn.mov`` where he faces the camera (|yaw| under 10°)."""
NO_HOLD = Settings(cooldown_s=0, checkout_after_min=0, liveness_required=False)
"""Nothing but the stay-in-view rule between two answers (he never blinks on cue)."""


@pytest.fixture(scope="module")
def head_turn_templates(video_frames, analyzer) -> list[Template]:
    frames = video_frames("head-turn.mov")
    templates = []
    for index in FRONTAL_FRAMES:
        rgb = frames[index].rgb
        (face,) = analyzer.analyze(rgb)
        templates.append(Template(angle="photo", encoding=analyzer.encode(rgb, face), source=f"frame {index}"))
    return templates


def _play(
    repo: Repository, clips: Sequence[Sequence[Frame]], analyzer, fps: float = 15.0
) -> list[tuple[int, EventKind]]:
    """Play ``clips`` back to back as one camera at ``fps``; (frame number, kind) of every in/out/cooldown."""
    elapsed = [0.0]
    engine = create_engine(repo, NO_HOLD, clock=lambda: START + timedelta(seconds=elapsed[0]), analyzer=analyzer)
    answers = []
    number = 0
    for clip in clips:
        for frame in clip:
            elapsed[0] = number / fps
            result = engine.process(Frame(number, frame.rgb, elapsed[0]))
            answers += [
                (number, event.kind) for event in result.events
                if event.kind in (EventKind.CHECKED_IN, EventKind.CHECKED_OUT, EventKind.COOLDOWN)
            ]
            number += 1
    return answers


def test_a_person_who_stays_in_view_is_checked_in_once(tmp_path, video_frames, analyzer, head_turn_templates) -> None:
    frames = video_frames("head-turn.mov")[CLIP]
    with Repository(tmp_path / "k.sqlite") as repo:
        employee = save_enrollment(repo, code="0042", name="张伟", templates=head_turn_templates)
        answers = _play(repo, [frames, frames, frames], analyzer)
        assert [kind for _, kind in answers] == [EventKind.CHECKED_IN]
        stored = repo.events.between(START - timedelta(hours=1), START + timedelta(hours=1))
        assert [(event.employee_id, event.kind) for event in stored] == [(employee.id, "in")]


def test_after_leaving_the_view_he_is_answered_again(tmp_path, video_frames, analyzer, head_turn_templates) -> None:
    frames = video_frames("head-turn.mov")[CLIP]
    gone_s = EngineConfig().left_view_after_s + 1
    empty_room = [Frame(0, np.zeros_like(frames[0].rgb), 0.0)] * int(gone_s * 15)
    with Repository(tmp_path / "k.sqlite") as repo:
        save_enrollment(repo, code="0042", name="张伟", templates=head_turn_templates)
        answers = _play(repo, [frames, empty_room, frames], analyzer)
        assert [kind for _, kind in answers] == [EventKind.CHECKED_IN, EventKind.CHECKED_OUT]
        assert answers[1][0] > len(frames) + len(empty_room)  # only once he is back
