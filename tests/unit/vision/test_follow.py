"""The face follower: landmarks on every frame, HOG only every few frames, and never stuck on a wall.

Real frames from the shared videos; where a scene is needed that no video has
(a second person stepping in, the face disappearing), real frames are combined:
a real face pasted in, or the face painted over.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from kiosk.vision.follow import FaceFollower, FollowConfig
from kiosk.vision.track import box_iou
from kiosk.vision.types import Frame


def test_follows_the_subject_on_every_frame_with_hog_on_a_fraction(video_frames, analyzer) -> None:
    frames = video_frames("blink-0012.mp4")
    follower = FaceFollower(analyzer)
    results = [follower.update(frame.rgb) for frame in frames]
    assert all(r.subject is not None for r in results)
    assert [r.changed for r in results].count(True) == 1  # one person all along, not the one behind
    every = FollowConfig().detect_every
    assert follower.detections <= len(frames) // every + 10  # HOG only when due, plus the odd degraded fit
    hog_frames = [i for i, r in enumerate(results) if r.detected]
    assert max(b - a for a, b in itertools.pairwise(hog_frames)) <= every
    # The followed face is the subject in the middle, never the person in the background.
    first = results[0].subject
    assert first is not None
    assert all(box_iou(r.subject.box, first.box) > 0.2 for r in results if r.subject is not None)


def _paste(target: Frame, source: np.ndarray, box, at: tuple[int, int]) -> Frame:
    """``target`` with the face ``box`` of ``source`` pasted with its top-left corner at ``at``."""
    rgb = target.rgb.copy()
    x, y = at
    crop = source[box.top - 20 : box.bottom + 20, box.left - 20 : box.right + 20]
    rgb[y : y + crop.shape[0], x : x + crop.shape[1]] = crop
    return Frame(target.index, rgb, target.timestamp)


def test_a_second_person_stepping_in_is_seen_within_one_detection_period(video_frames, analyzer) -> None:
    subject_frames = video_frames("live-0001_00_00_01.mp4")[:30]
    newcomer = video_frames("blink-0013.mp4")[0].rgb
    newcomer_box = max(analyzer.analyze(newcomer), key=lambda f: f.box.area).box
    follower = FaceFollower(analyzer)
    steps_in_at = 12
    seen_at = None
    for i, frame in enumerate(subject_frames):
        if i >= steps_in_at:
            frame = _paste(frame, newcomer, newcomer_box, (0, 0))
        followed = follower.update(frame.rgb)
        if i < steps_in_at:
            assert len(followed.faces) == 1
        elif seen_at is None and len(followed.faces) == 2:
            seen_at = i
    assert seen_at is not None
    assert seen_at - steps_in_at < FollowConfig().detect_every


def test_lets_go_when_the_face_is_gone_instead_of_fitting_the_wall(video_frames, analyzer) -> None:
    frames = video_frames("live-0001_00_00_01.mp4")[:40]
    follower = FaceFollower(analyzer)
    box = None
    for frame in frames[:10]:
        followed = follower.update(frame.rgb)
        assert followed.subject is not None
        box = followed.subject.box
    assert box is not None
    config = FollowConfig()
    lost_at = None
    for i, frame in enumerate(frames[10:]):
        rgb = frame.rgb.copy()
        rgb[max(0, box.top - 60) : box.bottom + 60, max(0, box.left - 60) : box.right + 60] = 128
        if follower.update(rgb).subject is None:
            lost_at = i
            break
    assert lost_at is not None
    assert lost_at <= config.detect_every + config.max_unconfirmed


@pytest.mark.parametrize("video", ["blink-0012.mp4", "head-turn.mov"])
def test_finds_a_face_wherever_hog_on_every_frame_does(video_frames, analyzer, video) -> None:
    frames = video_frames(video)
    follower = FaceFollower(analyzer)
    followed = [bool(follower.update(frame.rgb).faces) for frame in frames]
    hog = [bool(analyzer.analyze(frame.rgb)) for frame in frames]
    both = sum(1 for f, h in zip(followed, hog, strict=True) if f and h)
    assert both >= 0.98 * sum(hog)
