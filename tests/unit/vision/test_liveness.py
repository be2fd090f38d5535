"""Blink liveness on real webcam videos: live people pass, printed photos never do.

Every frame of a video goes through dlib (about 0.05 s a frame) once per run:
the ``analyzer`` fixture is the real analyser, recorded, so the tests that
replay a video through the tracker and the blink detector get exactly the
faces :func:`check_video` saw, without analysing the frames again.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from face_data import PHOTO_VIDEOS
from recorded import RecordedAnalyzer

from kiosk.tools.evaluation import LivenessReport, check_video
from kiosk.vision.detect import pick_subject
from kiosk.vision.liveness import BlinkDetector, LivenessConfig, eye_aspect_ratio, measure_face
from kiosk.vision.track import SubjectTracker
from kiosk.vision.types import Face, Frame


@dataclass
class AnalysedFrame:
    index: int
    timestamp: float
    faces: list[Face]
    width: int
    height: int


@dataclass
class AnalysedVideo:
    report: LivenessReport
    frames: list[AnalysedFrame]


def analyse(
    faces: Path, name: str, video_frames: Callable[[str], tuple[Frame, ...]], analyzer: RecordedAnalyzer
) -> AnalysedVideo:
    """:func:`check_video` over ``faces/video/name``, plus the faces it saw in each frame.

    The faces come from the recording :func:`check_video` just made, so they are
    the very ones its tracker and blink detector were given.
    """
    report = check_video(faces / "video" / name, analyzer=analyzer)
    frames = []
    for frame in video_frames(name):
        height, width = frame.rgb.shape[:2]
        frames.append(AnalysedFrame(frame.index, frame.timestamp, analyzer.analyze(frame.rgb), width, height))
    return AnalysedVideo(report=report, frames=frames)


def replay(frames: list[AnalysedFrame], config: LivenessConfig | None = None) -> list[int]:
    """Indices of the frames at which a blink was accepted."""
    tracker, detector = SubjectTracker(), BlinkDetector(config)
    blink_frames = []
    for frame in frames:
        subject, changed = tracker.update(frame.faces, frame.width, frame.height)
        if changed:
            detector.reset()
        before = detector.blinks
        detector.update(subject, frame.timestamp)
        if detector.blinks > before:
            blink_frames.append(frame.index)
    return blink_frames


@pytest.fixture(scope="module")
def blink_0012(faces: Path, video_frames, analyzer: RecordedAnalyzer) -> AnalysedVideo:
    return analyse(faces, "blink-0012.mp4", video_frames, analyzer)


@pytest.fixture(scope="module")
def annotated_blinks(faces: Path) -> list[int]:
    """Frames of the annotated blinks in blink-0012 (first frame of each range)."""
    with open(faces / "video" / "blink-annotations.csv", newline="", encoding="utf-8") as handle:
        return [int(row["blink_frames"].split("-")[0]) for row in csv.DictReader(handle)]


# --- eye aspect ratio -------------------------------------------------------


def _eye(width: float, height: float) -> np.ndarray:
    """Six landmarks of an eye: corners at (0, 0) and (width, 0), lids ±height/2."""
    h = height / 2.0
    return np.array(
        [(0, 0), (width / 3, -h), (2 * width / 3, -h), (width, 0), (2 * width / 3, h), (width / 3, h)],
        dtype=np.float32,
    )


def test_eye_aspect_ratio_is_height_over_width():
    assert eye_aspect_ratio(_eye(30.0, 9.0)) == pytest.approx(0.30)
    assert eye_aspect_ratio(_eye(30.0, 3.0)) == pytest.approx(0.10)
    assert eye_aspect_ratio(_eye(30.0, 0.0)) == 0.0


def test_eye_aspect_ratio_ignores_scale_and_rotation():
    eye = _eye(30.0, 7.5)
    angle = math.radians(25)
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    moved = (eye @ rotation.T) * 3.0 + np.array([200.0, 100.0])
    assert eye_aspect_ratio(moved) == pytest.approx(0.25, abs=1e-5)


def test_eye_aspect_ratio_of_a_zero_width_eye_is_zero():
    assert eye_aspect_ratio(np.zeros((6, 2), dtype=np.float32)) == 0.0


# --- synthetic blinks --------------------------------------------------------


def _synthetic_face(right_height: float, left_height: float, nose: float = 1.0, yaw: float = 0.0) -> Face:
    """A frontal face whose eyes are 30 px wide; heights set each eye's EAR."""
    from kiosk.vision.types import Box, Pose, Quality

    landmarks = np.zeros((68, 2), dtype=np.float32)
    landmarks[0:17] = np.linspace((100, 200), (300, 200), 17)  # jaw 200 px wide
    landmarks[8] = (200, 320)  # chin
    landmarks[36:42] = _eye(30.0, right_height) + np.array((140, 150))
    landmarks[42:48] = _eye(30.0, left_height) + np.array((230, 150))
    landmarks[27] = (200, 150)
    landmarks[33] = (200, 150 + 60 * nose)
    landmarks[48], landmarks[54] = (170, 260), (230, 260)
    return Face(
        box=Box(100, 100, 300, 330),
        landmarks=landmarks,
        pose=Pose(yaw=yaw, pitch=0.0, roll=0.0),
        quality=Quality(size_px=200, sharpness=100.0, brightness=120.0),
    )


def _feed(detector: BlinkDetector, faces: list[Face], fps: float, start: float = 0.0) -> None:
    for number, face in enumerate(faces):
        detector.update(face, start + number / fps)


@pytest.mark.parametrize("fps", [15.0, 20.0, 30.0])
def test_a_brief_two_eye_dip_is_one_blink_at_any_frame_rate(fps):
    detector = BlinkDetector()
    open_eye, closed = _synthetic_face(6.6, 6.6), _synthetic_face(2.0, 2.0)
    closed_frames = max(1, round(0.1 * fps))
    _feed(detector, [open_eye] * int(fps) + [closed] * closed_frames + [open_eye] * int(fps), fps)
    state = detector.update(open_eye, 10.0)
    assert (state.live, state.blinks) == (True, 1)
    assert state.ear == pytest.approx(0.22, abs=1e-3)
    assert state.baseline == pytest.approx(0.22, abs=1e-3)


def test_a_narrow_eyed_persons_blink_counts_and_their_open_eyes_do_not():
    """Open EAR 0.19: a fixed 0.2 threshold would call these eyes always shut."""
    detector = BlinkDetector()
    open_eye, closed = _synthetic_face(5.7, 5.7), _synthetic_face(2.4, 2.4)
    _feed(detector, [open_eye] * 40, 20.0)
    assert detector.blinks == 0
    _feed(detector, [closed, closed] + [open_eye] * 10, 20.0, start=2.0)
    assert detector.blinks == 1


def test_one_eye_dipping_is_not_a_blink():
    detector = BlinkDetector()
    open_eye, wink = _synthetic_face(6.6, 6.6), _synthetic_face(1.5, 6.6)
    _feed(detector, [open_eye] * 20 + [wink] * 2 + [open_eye] * 20, 20.0)
    assert detector.blinks == 0


def test_a_dip_while_the_face_foreshortens_is_not_a_blink():
    """A photo bent about a horizontal line: eyes and nose squash together."""
    detector = BlinkDetector()
    open_eye, bent = _synthetic_face(6.6, 6.6), _synthetic_face(2.0, 2.0, nose=0.8)
    _feed(detector, [open_eye] * 20 + [bent] * 2 + [open_eye] * 20, 20.0)
    assert detector.blinks == 0


def test_a_dip_while_the_head_pose_jumps_is_not_a_blink():
    detector = BlinkDetector()
    open_eye, turned = _synthetic_face(6.6, 6.6), _synthetic_face(2.0, 2.0, yaw=20.0)
    _feed(detector, [open_eye] * 20 + [turned] * 2 + [open_eye] * 20, 20.0)
    assert detector.blinks == 0


def test_eyes_closed_for_a_second_is_not_a_blink():
    detector = BlinkDetector()
    open_eye, closed = _synthetic_face(6.6, 6.6), _synthetic_face(2.0, 2.0)
    _feed(detector, [open_eye] * 20 + [closed] * 20 + [open_eye] * 20, 20.0)
    assert detector.blinks == 0


def test_no_blink_counts_before_the_baseline_has_warmed_up():
    detector = BlinkDetector()
    open_eye, closed = _synthetic_face(6.6, 6.6), _synthetic_face(2.0, 2.0)
    _feed(detector, [open_eye] * 3 + [closed] + [open_eye] * 3, 20.0)
    assert detector.blinks == 0


def test_reset_forgets_the_blinks_and_the_baseline():
    detector = BlinkDetector()
    open_eye, closed = _synthetic_face(6.6, 6.6), _synthetic_face(2.0, 2.0)
    _feed(detector, [open_eye] * 20 + [closed] + [open_eye] * 5, 20.0)
    assert detector.blinks == 1
    detector.reset()
    state = detector.update(open_eye, 5.0)
    assert (state.live, state.blinks, state.baseline) == (False, 0, None)


def test_a_face_lost_mid_dip_is_not_a_blink():
    detector = BlinkDetector()
    open_eye, closed = _synthetic_face(6.6, 6.6), _synthetic_face(2.0, 2.0)
    _feed(detector, [open_eye] * 20 + [closed, None] + [open_eye] * 5, 20.0)
    assert detector.blinks == 0


def test_measure_face_normalises_geometry_by_eye_corner_distance():
    measures = measure_face(_synthetic_face(6.6, 6.6))
    assert measures is not None
    corner_distance = 260.0 - 140.0
    assert measures.geometry == pytest.approx((60 / corner_distance, 170 / corner_distance, 200 / corner_distance))


# --- real videos -------------------------------------------------------------


# Frames of blink-0012 where his eyes are closed or half closed, checked by eye on
# crops (the annotation file lists only 72 and 256). 146, 378 and 403 (shut) and 250 and 336 (half shut) were
# first found by the quick-dip rule (LivenessConfig.quick_close_ratio), then checked on the crops.
EYE_CHECKED_CLOSURES = (17, 18, 72, 108, 146, 164, 165, 219, 240, 250, 255, 293, 328, 336, 342, 359, 360, 378, 403, 425)


def test_blink_0012_is_live(blink_0012):
    report = blink_0012.report
    assert report.live is True
    assert report.frames == 435
    assert report.blinks >= 1
    assert report.decided_at_frame is not None


def test_blink_0012_blinks_are_real_closures(blink_0012):
    blink_frames = replay(blink_0012.frames)
    assert len(blink_frames) == blink_0012.report.blinks
    assert blink_frames[0] == blink_0012.report.decided_at_frame
    # A blink is accepted when the eyes reopen: 1–6 frames after the closure.
    for frame in blink_frames:
        assert any(0 < frame - closed <= 6 for closed in EYE_CHECKED_CLOSURES), blink_frames


def test_blink_0012_finds_the_annotated_blink_at_256_and_misses_the_one_at_72(blink_0012, annotated_blinks):
    """A known miss, asserted exactly so that any change to it is seen.

    dlib's eye landmarks stay open through the annotated closure at frame 72
    (EAR 0.92 of his baseline, behind glasses); the single-frame closure at 256
    is found. If 72 starts being found, celebrate and update this test.
    """
    assert annotated_blinks == [72, 256]
    blink_frames = replay(blink_0012.frames)
    found = [annotated for annotated in annotated_blinks if any(-1 <= frame - annotated <= 6 for frame in blink_frames)]
    assert found == [256], blink_frames


def test_tracker_stays_on_the_foreground_subject_in_blink_0012(blink_0012):
    tracker = SubjectTracker()
    changes, followed = 0, 0
    for frame in blink_0012.frames:
        subject, changed = tracker.update(frame.faces, frame.width, frame.height)
        changes += changed
        if frame.faces:
            assert subject is not None
            assert subject is pick_subject(frame.faces, frame.width, frame.height)
            # The man in front sits in the middle third of the frame.
            centre_x, _ = subject.box.center
            assert frame.width / 3 < centre_x < 2 * frame.width / 3
            assert subject.box.width > 90
            followed += 1
    assert changes == 1
    assert followed == len(blink_0012.frames)


@pytest.mark.parametrize("name", PHOTO_VIDEOS)
def test_a_printed_photo_never_passes(faces, analyzer, name):
    report = check_video(faces / "video" / name, analyzer=analyzer)
    assert report.frames > 70
    assert (report.live, report.blinks, report.decided_at_frame) == (False, 0, None)


def test_the_photo_videos_are_all_there(faces):
    assert list(PHOTO_VIDEOS) == sorted(path.name for path in (faces / "video").glob("photo-*.mp4"))
    assert len(PHOTO_VIDEOS) == 5
