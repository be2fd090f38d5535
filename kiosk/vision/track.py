"""Following one person across frames.

The kiosk talks to one person at a time. :func:`~kiosk.vision.detect.pick_subject`
chooses that person when nobody is being followed; after that the
:class:`SubjectTracker` keeps to the same face by box overlap and centre
distance, so somebody walking behind the subject (or a face that briefly looks
bigger) cannot take over the session. When the tracker does switch to another
person it says so (``changed=True``), and the caller must then reset anything
that belongs to one person, such as the :class:`~kiosk.vision.liveness.BlinkDetector`:
a blink by the previous person must never count for the next one.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from kiosk.vision.detect import subject_index
from kiosk.vision.types import Box, Face

log = logging.getLogger("kiosk.vision")


@dataclass(frozen=True)
class TrackerConfig:
    """When a face in this frame is "the same person" as the subject in the last one.

    ``min_iou``: boxes overlapping at least this much (intersection over union)
    are the same person. A person moving normally overlaps themself by 0.5 or
    more from one webcam frame to the next even at 15 fps; two different heads
    side by side overlap far less.

    ``max_centre_shift``: or, failing the overlap test, the box centre moved by at
    most this fraction of the previous box's width. Catches a quick head move
    that breaks the overlap test without reaching a neighbour's face.

    ``max_size_change``: the box side may grow or shrink by at most this factor
    between matched frames. A small face behind the subject that happens to
    sit inside the subject's old box is not the subject.

    ``max_missing_frames``: the subject may go undetected for this many frames
    in a row (a blink, a hand, a detector miss) and still be the same person
    when found again near the same place. After that the next face starts a new
    track and ``changed`` is reported. 10 frames is 0.33–0.67 s at 15–30 fps:
    long enough for detector misses, shorter than two people swapping places.
    Counted in frames because the contract's ``update`` has no timestamp.
    """

    min_iou: float = 0.3
    max_centre_shift: float = 0.75
    max_size_change: float = 1.5
    max_missing_frames: int = 10


def box_iou(a: Box, b: Box) -> float:
    """Intersection over union of two boxes, 0.0–1.0."""
    width = min(a.right, b.right) - max(a.left, b.left)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    if width <= 0 or height <= 0:
        return 0.0
    inter = width * height
    union = a.area + b.area - inter
    return inter / union if union > 0 else 0.0


class SubjectTracker:
    """Keeps following the same person across frames.

    :meth:`update` returns ``(subject, changed)``: the subject's face in this
    frame (``None`` when they are not visible) and whether it is a different
    person from the one followed before. The first person found also counts as
    ``changed`` so that callers can treat "start of a track" in one place.
    """

    def __init__(self, config: TrackerConfig | None = None) -> None:
        self.config = config or TrackerConfig()
        self._last_box: Box | None = None
        self._missing = 0
        self.track_id = 0
        """Increases by one each time a new person is followed (0: nobody yet)."""

    @property
    def subject_box(self) -> Box | None:
        """Where the subject was last seen (kept during short detector misses)."""
        return self._last_box

    def reset(self) -> None:
        """Forget the subject; the next face found starts a new track."""
        self._last_box = None
        self._missing = 0

    def follow(self, box: Box) -> None:
        """The subject was followed into ``box`` without a detection (by their landmarks, see
        :class:`~kiosk.vision.follow.FaceFollower`): they are seen, at ``box``."""
        if self._last_box is not None:
            self._last_box = box
            self._missing = 0

    def _same_person(self, previous: Box, box: Box) -> bool:
        config = self.config
        prev_side = max(1.0, math.sqrt(previous.area))
        side = max(1.0, math.sqrt(box.area))
        if max(side / prev_side, prev_side / side) > config.max_size_change:
            return False
        if box_iou(previous, box) >= config.min_iou:
            return True
        (px, py), (bx, by) = previous.center, box.center
        return math.hypot(bx - px, by - py) <= config.max_centre_shift * max(1, previous.width)

    def update(self, faces: list[Face], frame_width: int, frame_height: int) -> tuple[Face | None, bool]:
        """Follow the subject into this frame's ``faces``.

        Returns ``(subject, changed)``. ``changed`` is ``True`` only on the
        frame where a new person starts being followed.
        """
        index, changed = self.choose([face.box for face in faces], frame_width, frame_height)
        return (faces[index], changed) if index is not None else (None, False)

    def choose(self, boxes: list[Box], frame_width: int, frame_height: int) -> tuple[int | None, bool]:
        """:meth:`update` over bare boxes: the index of the subject's box (or ``None``) and ``changed``.

        Lets a caller describe (fit landmarks on) only the subject's face.
        """
        previous = self._last_box
        if previous is not None:
            candidates = [i for i, box in enumerate(boxes) if self._same_person(previous, box)]
            if candidates:
                followed = max(candidates, key=lambda i: box_iou(previous, boxes[i]))
                self._last_box = boxes[followed]
                self._missing = 0
                return followed, False
            self._missing += 1
            if self._missing <= self.config.max_missing_frames:
                return None, False
            log.debug("subject lost for %d frames; starting over", self._missing)
            self._last_box = None
        subject = subject_index(boxes, frame_width, frame_height)
        if subject is None:
            return None, False
        self._last_box = boxes[subject]
        self._missing = 0
        self.track_id += 1
        log.debug("following subject #%d at %s", self.track_id, boxes[subject])
        return subject, True
