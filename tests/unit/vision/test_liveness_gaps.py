"""Skipped frames: a blink across a short gap still counts, one across a long gap is dropped and reported.

Real frames of ``blink-0012.mp4`` go through the kiosk's own face follower and
blink detector; frames are removed the way a live kiosk drops them when vision
falls behind, and the detector is told (``gap=True``), as the engine tells it.
With every frame the subject's first accepted blink is the dip at frames 25–26
(eyes open again at 27).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from face_data import PHOTO_VIDEOS

from kiosk.vision.follow import FaceFollower
from kiosk.vision.liveness import BlinkDetector, LivenessState
from kiosk.vision.types import Frame


def _replay(frames: Sequence[Frame], analyzer, removed: set[int], *, mark_gaps: bool = True) -> list[LivenessState]:
    """Liveness after each frame that was kept, with skipped frames marked as gaps."""
    follower = FaceFollower(analyzer)
    detector = BlinkDetector()
    states = []
    last_index = None
    for frame in frames:
        if frame.index in removed:
            continue
        gap = mark_gaps and last_index is not None and frame.index != last_index + 1
        last_index = frame.index
        followed = follower.update(frame.rgb)
        if followed.changed:
            detector.reset()
        states.append(detector.update(followed.subject, frame.timestamp, gap=gap))
    return states


def _live_at(frames: Sequence[Frame], states: list[LivenessState], removed: set[int]) -> int | None:
    kept = [frame.index for frame in frames if frame.index not in removed]
    return next((index for index, state in zip(kept, states, strict=True) if state.live), None)


@pytest.fixture(scope="module")
def first_frames(video_frames) -> tuple[Frame, ...]:
    return video_frames("blink-0012.mp4")[:40]


def test_every_frame_goes_live_at_the_end_of_the_first_blink(first_frames, analyzer) -> None:
    states = _replay(first_frames, analyzer, set())
    assert _live_at(first_frames, states, set()) == 27
    assert states[-1].blinks == 1 and states[-1].interrupted == 0


def test_a_frame_skipped_inside_the_blink_does_not_lose_it(first_frames, analyzer) -> None:
    removed = {26}  # the second closed frame: 0.1 s between the frames either side
    states = _replay(first_frames, analyzer, removed)
    assert _live_at(first_frames, states, removed) == 27
    assert states[-1].interrupted == 0


def test_a_long_gap_over_the_reopening_is_reported_not_invented(first_frames, analyzer) -> None:
    removed = {26, 27, 28, 29}  # 0.25 s unseen: the eyes may have opened and closed again
    states = _replay(first_frames, analyzer, removed)
    assert _live_at(first_frames, states, removed) is None
    assert states[-1].blinks == 0
    assert states[-1].interrupted == 1
    # Unmarked, the same frames would have read as one blink: the gap mark is what keeps it honest.
    unmarked = _replay(first_frames, analyzer, removed, mark_gaps=False)
    assert unmarked[-1].blinks == 1


@pytest.mark.parametrize("video", PHOTO_VIDEOS)
@pytest.mark.parametrize("every", [2, 3])
def test_printed_photos_never_pass_with_frames_dropped(video_frames, analyzer, video, every) -> None:
    frames = video_frames(video)
    removed = {frame.index for frame in frames if frame.index % every == 1}
    states = _replay(frames, analyzer, removed)
    assert not any(state.live for state in states)
