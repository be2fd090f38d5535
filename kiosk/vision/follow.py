"""Landmarks on every frame, HOG detection only when needed.

HOG detection costs about 30 ms a 640×480 frame (on the 320 px copy); fitting
the 68 landmarks costs about 3 ms a fit. So once the subject is found, the
:class:`FaceFollower` follows them from frame to frame by fitting the landmarks
on the *canonical box* of their previous landmarks
(:func:`~kiosk.vision.detect.canonical_box`, the box HOG gives on average), and
runs HOG only

* every ``detect_every`` frames, so somebody new walking in is seen, and so
  the fit is checked against an independent detector: a shape predictor always
  returns 68 points, even on a wall, and only HOG can say a face is there;
* when the fit degrades (the face jumped, grew or shrank too much from one
  frame to the next, left the frame, or turned beyond what landmarks follow);
* when nobody is followed.

On a HOG frame the :class:`~kiosk.vision.track.SubjectTracker` decides, as it
always did, which detected face is the subject, and HOG's own face replaces the
tracked one (so a slow drift is corrected every few frames). Only the subject
gets landmarks; other people are boxes on the preview. When HOG does not
find the followed face, the follower keeps it on landmarks for at most
``max_unconfirmed`` more frames, running HOG on each of them, and then lets go.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from kiosk.vision.detect import canonical_box
from kiosk.vision.track import SubjectTracker, TrackerConfig, box_iou
from kiosk.vision.types import Box, Face

log = logging.getLogger("kiosk.vision")


class Analyzer(Protocol):
    """What the follower needs from :class:`~kiosk.vision.detect.FaceAnalyzer` (or its recording in the tests)."""

    def detect(self, rgb: np.ndarray) -> list[Box]: ...

    def describe(self, rgb: np.ndarray, box: Box) -> Face: ...


@dataclass(frozen=True)
class FollowConfig:
    """When the follower runs HOG instead of following the landmarks.

    ``detect_every``: HOG runs on at least every this many frames (5). A second
    person walking in is therefore seen within 5 frames: 0.17 s at 30 fps,
    0.25 s at 20 fps, 0.33 s at 15 fps, well before they could reach the
    camera. HOG's ~30 ms spread over 5 frames costs 6 ms a frame, about as much
    as the landmarks themselves; every 2–3 frames would double the per-frame
    cost for a tenth of a second, every 10 would leave a drifted fit uncorrected
    for half a second.

    ``max_unconfirmed``: frames the followed face may go on without HOG finding
    it (3), with HOG tried on each of them. HOG misses a real face now and
    then (a turned head, motion blur), and dropping the face on every miss
    would blind the blink detector for that frame; three frames in a row
    (0.1–0.2 s) without HOG is when the fit may be on the background.

    ``min_fit_iou``: the canonical box of this frame's landmarks must overlap
    the box they were fitted on by at least this much (0.5). Between two
    frames of a person standing at a kiosk the overlap is 0.8 or more; below
    0.5 the face moved faster than the fit can follow.

    ``max_scale_change``: the jaw width may change by at most this factor from
    one frame to the next (1.2): more is a bad fit, not a person walking.

    ``max_abs_yaw_deg``: beyond 50° of yaw the 68-point model (trained on
    mostly frontal faces) loses the far side of the face; HOG then decides.

    On a HOG frame HOG's own face always replaces the followed fit. Keeping the
    fit when HOG agrees with it was tried: the chained fits are smoother, and
    smoother eyelids hid blinks (blink-0012 went live at frame 216 instead of 27).
    """

    detect_every: int = 5
    max_unconfirmed: int = 3
    min_fit_iou: float = 0.5
    max_scale_change: float = 1.2
    max_abs_yaw_deg: float = 50.0


@dataclass(frozen=True)
class Followed:
    """One frame's answer.

    ``faces``: every face box to draw (the subject's is this frame's; other
    people's come from the last HOG run, at most ``detect_every`` frames old).
    ``subject``: the followed person's face, with this frame's landmarks, or
    ``None``. ``changed``: a different person starts being followed on this
    frame (reset anything that belongs to one person). ``detected``: HOG ran
    on this frame.
    """

    faces: tuple[Box, ...]
    subject: Face | None
    changed: bool
    detected: bool


def _jaw(face: Face) -> float:
    return float(np.linalg.norm(face.landmarks[0] - face.landmarks[16]))


class FaceFollower:
    """Finds the subject with HOG, then follows them with landmarks. Not thread-safe."""

    def __init__(
        self, analyzer: Analyzer, config: FollowConfig | None = None, tracker_config: TrackerConfig | None = None
    ) -> None:
        self.analyzer = analyzer
        self.config = config or FollowConfig()
        self.tracker = SubjectTracker(tracker_config)
        self._subject: Face | None = None
        self._others: tuple[Box, ...] = ()
        self._frame_index = -1
        self._detected_block: int | None = None
        self._unconfirmed = 0
        self.detections = 0
        """HOG runs so far (for benchmarks)."""

    @property
    def track_id(self) -> int:
        return self.tracker.track_id

    def reset(self) -> None:
        """Forget the subject; the next face found starts a new track."""
        self.tracker.reset()
        self._subject = None
        self._others = ()
        self._unconfirmed = 0

    def _fit(self, rgb: np.ndarray, previous: Face) -> Face | None:
        """The subject's landmarks in this frame, fitted where they were; ``None`` if the fit degraded."""
        height, width = rgb.shape[:2]
        box = canonical_box(previous.landmarks)
        if box.clipped(width, height).area < 0.5 * box.area:
            return None  # mostly out of the frame
        face = self.analyzer.describe(rgb, box)
        config = self.config
        if box_iou(canonical_box(face.landmarks), box) < config.min_fit_iou:
            return None
        before, after = _jaw(previous), _jaw(face)
        if before <= 0 or after <= 0 or max(after / before, before / after) > config.max_scale_change:
            return None
        if not math.isfinite(face.pose.yaw) or abs(face.pose.yaw) > config.max_abs_yaw_deg:
            return None
        return face

    def update(self, rgb: np.ndarray, frame_index: int | None = None) -> Followed:
        """Find or follow the subject in this RGB frame.

        ``frame_index`` is the camera's frame number (default: one more than
        the last). HOG runs on the first frame seen in every block of
        ``detect_every`` frame numbers, so a kiosk that skipped frames detects
        on the same frames as a replay of every frame, wherever it can: the
        landmarks (and blinks) of a live run and of ``run-video`` agree.
        """
        height, width = rgb.shape[:2]
        config = self.config
        previous = self._subject
        self._frame_index = self._frame_index + 1 if frame_index is None else frame_index
        block = self._frame_index // config.detect_every
        due = previous is None or block != self._detected_block or self._unconfirmed > 0
        if not due:
            assert previous is not None
            fitted = self._fit(rgb, previous)
            if fitted is not None:
                return self._keep(fitted, detected=False)

        # HOG: every face's box; landmarks only for the subject (nobody else's are used).
        boxes = self.analyzer.detect(rgb)
        self.detections += 1
        self._detected_block = block
        index, changed = self.tracker.choose(boxes, width, height)
        self._others = tuple(box for i, box in enumerate(boxes) if i != index)
        if index is not None:
            self._unconfirmed = 0
            self._subject = self.analyzer.describe(rgb, boxes[index])
            return Followed(tuple(boxes), self._subject, changed, True)

        if previous is not None and self._unconfirmed < config.max_unconfirmed:
            # HOG missed the followed face: keep it on landmarks a little longer, checking on every frame.
            fitted = self._fit(rgb, previous)
            if fitted is not None:
                self._unconfirmed += 1
                return self._keep(fitted, detected=True)
        if previous is not None:
            log.debug("followed face not confirmed by HOG after %d frames; letting go", self._unconfirmed)
        self._subject = None
        self._unconfirmed = 0
        return Followed(self._others, None, False, True)

    def _keep(self, fitted: Face, *, detected: bool) -> Followed:
        self._subject = fitted
        self.tracker.follow(fitted.box)
        return Followed((fitted.box, *self._others), fitted, False, detected)
