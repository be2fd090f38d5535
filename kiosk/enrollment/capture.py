"""Guided capture: which angle a face shows, whether it is good enough, and when enrollment may finish."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from kiosk.errors import InputError
from kiosk.storage.schema import ANGLES as TEMPLATE_ANGLES
from kiosk.vision.detect import FaceAnalyzer
from kiosk.vision.pose import turn_ratio
from kiosk.vision.types import Box, Face, Frame

log = logging.getLogger("kiosk.enrollment")

PHOTO_ANGLE = "photo"
"""The angle label of a template computed from an imported picture."""


ANGLES: tuple[str, ...] = tuple(angle for angle in TEMPLATE_ANGLES if angle != PHOTO_ANGLE)
"""The five head poses of guided capture, in the order the wizard asks for them.
The database schema's list of template angles is the one source; guided
capture uses every angle in it except :data:`PHOTO_ANGLE`."""


MIN_EXTRA_ANGLES = 2
"""Besides "front", this many more angles are required before an enrollment
may finish early. Front alone matches poorly once people turn their heads;
front plus two sides covers how people actually walk up to a kiosk, and some
people cannot tilt their head far enough for all five."""


@dataclass(frozen=True, eq=False)
class Template:
    """One enrollment sample: the 128-d encoding and the angle it was taken at."""

    angle: str
    encoding: np.ndarray
    source: str = ""



# --------------------------------------------------------------------------
# Guided five-angle capture (drives the GUI wizard; no Qt here)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class CaptureRules:
    """When a frame is good enough to become a template.

    Pose ranges are in degrees (see :class:`kiosk.vision.types.Pose`); "left"
    and "right" are the employee's own left and right: positive yaw, the nose
    towards the image's right edge in the unmirrored camera frame, which the
    mirrored preview shows as a turn to the person's left, as the wizard's
    "Turn your head a little to your left" asks.

    Measured with ``uv run python benchmarks/enrollment_angles.py`` (the
    kiosk's own analyser on every frame of head-turn.mov and the 108 frontal
    NUAA webcam stills): the estimated yaw is too noisy near frontal to decide
    a side alone. Faces looking at the camera get -31°..+25° (stills) and
    -12°..+29° (head-turn frames 0-75 and 178-198), so the old 20° minimum accepted
    frames 0-23 as "left". The landmark turn ratio
    (:func:`kiosk.vision.pose.turn_ratio`) stays within -0.09..+0.13 on the
    same faces, and real turns reach 0.19-0.31 (right) and 0.27-0.50 (left).
    A side needs both.
    """

    min_face_px: int = 110
    """Shorter side of the face box; smaller faces give noisy encodings."""
    min_brightness: float = 60.0
    max_brightness: float = 215.0
    min_sharpness: float = 60.0
    """Variance of the Laplacian at 128 px; below it the face is motion-blurred."""
    front_max_deg: float = 10.0
    """Front: |yaw| and |pitch| at most this, in degrees. Strict on purpose:
    with the estimator's noise this only lets through frames that really face
    the camera (on head-turn.mov it first accepts frame 24)."""
    side_min_yaw_deg: float = 25.0
    """Left/right: at least this much estimated yaw, in degrees, towards that
    side. Above what 95% of frontal stills get (±24.7°); every frame of a real
    turn in head-turn.mov has 26.7° or more. Only a plausibility check: the
    turn ratio below is what tells a turn from a frontal face."""
    side_max_yaw_deg: float = 50.0
    """Beyond this the face is near profile: dlib loses the landmarks and the
    detector the face (head-turn.mov's furthest detected turn is 45.6°)."""
    side_min_turn_ratio: float = 0.18
    """Left/right: at least this landmark turn ratio (dimensionless, see
    :func:`kiosk.vision.pose.turn_ratio`) towards that side. Frontal faces
    stay within ±0.13 (0.05 of margin); real turns of about 30-40° give
    0.19 and more, and every such frame's encoding is further from the
    frontal template (0.40-0.61) than any frame facing the camera: distinct.
    Near profile (0.3+) the detector starts losing the face."""
    up_min_pitch_deg: float = 20.0
    down_min_pitch_deg: float = 20.0
    """Up/down: at least this much pitch, in degrees. Frontal faces get
    -9°..+9° (stills) and up to +15° (head-turn.mov, a laptop camera below eye
    level), so 20° keeps 5° above that noise; a 20-30° nod is comfortable and
    still detected. No shared footage looks up or down for real, so whether
    20° gives a distinct template is not measured yet."""
    steady_frames: int = 2
    """Consecutive in-range frames before capture, so a head passing through a
    range mid-turn is not captured blurred."""


class CaptureHint(StrEnum):
    """Why guided capture is waiting, or that it is done; the screen words it."""

    NO_FACE = "no_face"
    SEVERAL_FACES = "several_faces"
    MOVE_CLOSER = "move_closer"
    TOO_DARK = "too_dark"
    TOO_BRIGHT = "too_bright"
    HOLD_STILL = "hold_still"
    LOOK_STRAIGHT = "look_straight"
    TURN_LEFT = "turn_left"
    TURN_RIGHT = "turn_right"
    LOOK_UP = "look_up"
    LOOK_DOWN = "look_down"
    HOLD = "hold"
    """In the range of a missing angle: capturing once it stays there."""
    DONE = "done"
    """Every angle is captured."""


_TURN_HINTS = {
    "front": CaptureHint.LOOK_STRAIGHT,
    "left": CaptureHint.TURN_LEFT,
    "right": CaptureHint.TURN_RIGHT,
    "up": CaptureHint.LOOK_UP,
    "down": CaptureHint.LOOK_DOWN,
}


def angle_of(face: Face, rules: CaptureRules) -> str | None:
    """Which of the five angles this pose is in, if any."""
    yaw, pitch = face.pose.yaw, face.pose.pitch
    if abs(yaw) <= rules.front_max_deg and abs(pitch) <= rules.front_max_deg:
        return "front"
    if abs(pitch) < rules.up_min_pitch_deg:
        # The yaw estimate alone calls some frontal faces turned 25°; the
        # landmark ratio must agree (see CaptureRules).
        ratio = turn_ratio(face.landmarks)
        if rules.side_min_yaw_deg <= yaw <= rules.side_max_yaw_deg and ratio >= rules.side_min_turn_ratio:
            return "left"
        if rules.side_min_yaw_deg <= -yaw <= rules.side_max_yaw_deg and -ratio >= rules.side_min_turn_ratio:
            return "right"
    if abs(yaw) <= rules.front_max_deg * 1.5:
        if pitch >= rules.up_min_pitch_deg:
            return "up"
        if pitch <= -rules.down_min_pitch_deg:
            return "down"
    return None


def quality_problem(face: Face, rules: CaptureRules) -> CaptureHint | None:
    """Why this face cannot be captured yet, or None when its quality is good enough."""
    quality = face.quality
    if quality.size_px < rules.min_face_px:
        return CaptureHint.MOVE_CLOSER
    if quality.brightness < rules.min_brightness:
        return CaptureHint.TOO_DARK
    if quality.brightness > rules.max_brightness:
        return CaptureHint.TOO_BRIGHT
    if quality.sharpness < rules.min_sharpness:
        return CaptureHint.HOLD_STILL
    return None


def can_finish(done: Sequence[str]) -> bool:
    """May an enrollment with these angles finish: front plus at least :data:`MIN_EXTRA_ANGLES` others?"""
    return "front" in done and len(set(done)) >= 1 + MIN_EXTRA_ANGLES


def missing_angles(done: Sequence[str]) -> tuple[str, ...]:
    """The angles of :data:`ANGLES` not in ``done``, in the order capture asks for them."""
    return tuple(angle for angle in ANGLES if angle not in done)


PREVIEW_MARGIN = (0.25, 0.3)
"""Margin around the face box of a review preview, as fractions of the box's
width and height: enough hair and chin that a person recognises the picture."""


def face_crop(rgb: np.ndarray, box: Box) -> np.ndarray:
    """The face in ``box`` with a margin, copied out of the frame (so the frame can go).

    Empty (0×0) when the box lies outside the frame.
    """
    height, width = rgb.shape[:2]
    margin_x, margin_y = PREVIEW_MARGIN[0] * box.width, PREVIEW_MARGIN[1] * box.height
    left, top = max(0, int(box.left - margin_x)), max(0, int(box.top - margin_y))
    right, bottom = min(width, int(box.right + margin_x)), min(height, int(box.bottom + margin_y))
    if right <= left or bottom <= top:
        return np.zeros((0, 0, 3), np.uint8)
    return np.ascontiguousarray(rgb[top:bottom, left:right]).copy()


@dataclass(frozen=True, eq=False)
class CaptureResult:
    """What one frame did to a guided capture: everything the wizard draws while capturing.

    It is a snapshot, safe to hand from the vision thread to the screen: the
    screen never reads the :class:`GuidedCapture` while it is being fed.
    """

    frame_index: int
    faces: tuple[Box, ...]
    """Every face found in the frame."""
    face: Face | None
    """The one face being enrolled; None when there is no face or several."""
    hint: CaptureHint
    target: str | None
    """The angle asked for next (the first missing one); None once all are captured."""
    captured: str | None
    """The angle captured on this frame, if any."""
    done: tuple[str, ...]
    """Every angle captured so far, in :data:`ANGLES` order."""
    preview: np.ndarray | None = None
    """On a capturing frame, the face crop shown for review (RGB, never stored)."""


@dataclass
class GuidedCapture:
    """Collects one template per angle from a stream of frames.

    Feed it every frame with :meth:`process`; it captures automatically when
    exactly one face is present, its quality is good, and its pose has been in
    the range of a not-yet-captured angle for ``steady_frames`` frames. Any
    missing angle may be captured when the head passes through it; the hint
    asks for the first missing one in :data:`ANGLES` order.

    ``templates`` and ``previews`` are the one copy of what was captured;
    previews are face crops kept in memory for the review only.
    """

    rules: CaptureRules = field(default_factory=CaptureRules)
    templates: dict[str, Template] = field(default_factory=dict)
    previews: dict[str, np.ndarray] = field(default_factory=dict)
    _streak_angle: str | None = None
    _streak: int = 0

    @property
    def done(self) -> tuple[str, ...]:
        return tuple(angle for angle in ANGLES if angle in self.templates)

    @property
    def complete(self) -> bool:
        return not missing_angles(self.done)

    @property
    def target(self) -> str | None:
        """The angle to ask for next, or None when all are captured."""
        return next(iter(missing_angles(self.done)), None)

    def reset(self) -> None:
        """Forget every captured angle (capture starts again)."""
        self.templates.clear()
        self.previews.clear()
        self._streak_angle, self._streak = None, 0

    def keep(self, template: Template, preview: np.ndarray | None = None) -> None:
        """Use ``template`` for its angle, replacing an earlier one."""
        if template.angle not in ANGLES:
            raise InputError(f"guided capture has no angle {template.angle!r}; it takes {', '.join(ANGLES)}")
        self.templates[template.angle] = template
        if preview is not None:
            self.previews[template.angle] = preview
        else:
            self.previews.pop(template.angle, None)

    def process(self, frame: Frame, analyzer: FaceAnalyzer) -> CaptureResult:
        """Analyse one frame, capture its angle if it is good enough, and say what to do next."""
        faces = analyzer.analyze(frame.rgb)
        boxes = tuple(face.box for face in faces)

        def result(face: Face | None, hint: CaptureHint, captured: str | None = None) -> CaptureResult:
            preview = self.previews.get(captured) if captured is not None else None
            return CaptureResult(frame.index, boxes, face, hint, self.target, captured, self.done, preview)

        if self.complete:
            return result(None, CaptureHint.DONE)
        if len(faces) != 1:
            self._streak = 0
            return result(None, CaptureHint.NO_FACE if not faces else CaptureHint.SEVERAL_FACES)
        face = faces[0]
        problem = quality_problem(face, self.rules)
        if problem is not None:
            self._streak = 0
            return result(face, problem)
        angle = angle_of(face, self.rules)
        target = self.target
        assert target is not None  # not complete
        if angle is None or angle in self.templates:
            self._streak = 0
            return result(face, _TURN_HINTS[target])
        self._streak = self._streak + 1 if angle == self._streak_angle else 1
        self._streak_angle = angle
        if self._streak < self.rules.steady_frames:
            return result(face, CaptureHint.HOLD)
        self._streak = 0
        self.keep(Template(angle=angle, encoding=analyzer.encode(frame.rgb, face)), face_crop(frame.rgb, face.box))
        after = self.target
        return result(face, CaptureHint.DONE if after is None else _TURN_HINTS[after], angle)


# --------------------------------------------------------------------------
# One guided enrollment, from details to save
# --------------------------------------------------------------------------


