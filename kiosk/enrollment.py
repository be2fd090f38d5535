"""Enrolling staff: from image files (CLI, evaluate) and by guided capture (GUI).

Both paths end in :func:`save_enrollment`, which refuses a face that already
belongs to another employee (unless forced) and then writes the employee and
their templates.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from kiosk.errors import InputError
from kiosk.matching import Matcher, MatchPolicy
from kiosk.storage.repository import Employee, Repository
from kiosk.vision.detect import FaceAnalyzer
from kiosk.vision.image import load_rgb
from kiosk.vision.types import Face

log = logging.getLogger("kiosk.enrollment")

ANGLES = ("front", "left", "right", "up", "down")

SECOND_FACE_RATIO = 0.5
"""An image is refused when its second-largest face has at least this fraction
of the largest face's area: then we cannot tell who is being enrolled. A small
face in the background (under half the area) is ignored."""


@dataclass(frozen=True, eq=False)
class Template:
    """One enrollment sample: the 128-d encoding and the angle it was taken at."""

    angle: str
    encoding: np.ndarray
    source: str = ""


def main_face(faces: list[Face], source: str) -> Face:
    """The one face to enroll from an image, or :class:`InputError`."""
    if not faces:
        raise InputError(f"no face found in {source}")
    ordered = sorted(faces, key=lambda f: f.box.area, reverse=True)
    if len(ordered) > 1 and ordered[1].box.area >= SECOND_FACE_RATIO * ordered[0].box.area:
        raise InputError(f"{len(ordered)} faces of similar size in {source}; use a photo of one person")
    return ordered[0]


def templates_from_images(analyzer: FaceAnalyzer, paths: Sequence[str | Path]) -> list[Template]:
    """Encode the main face of each image; refuses the whole batch on the first bad image."""
    if not paths:
        raise InputError("give at least one image to enroll from")
    templates = []
    for path in paths:
        rgb = load_rgb(path)
        face = main_face(analyzer.analyze(rgb), str(path))
        templates.append(Template(angle="photo", encoding=analyzer.encode(rgb, face), source=str(path)))
    return templates


@dataclass(frozen=True)
class DuplicateFinding:
    """An existing employee the new face already matches."""

    employee: Employee
    votes: int
    samples: int
    distance: float


def find_duplicate(
    repo: Repository,
    templates: Sequence[Template],
    policy: MatchPolicy | None = None,
    exclude_employee_id: int | None = None,
) -> DuplicateFinding | None:
    """Does this face already belong to someone else?

    Each template is identified against the current gallery with the kiosk's
    own rule; if at least half of them are accepted as the same other person,
    that person is reported. Using the live rule (not a looser one) means the
    check refuses exactly the enrollments that would make the kiosk confuse
    two employees.
    """
    matcher = Matcher(repo.template_set(), policy)
    if matcher.size == 0 or not templates:
        return None
    votes: Counter[int] = Counter()
    best_distance: dict[int, float] = {}
    for template in templates:
        match = matcher.identify(template.encoding, exclude=exclude_employee_id)
        if match.accepted and match.employee_id is not None:
            votes[match.employee_id] += 1
            best_distance[match.employee_id] = min(best_distance.get(match.employee_id, 9.0), match.distance)
    if not votes:
        return None
    employee_id, count = votes.most_common(1)[0]
    if 2 * count < len(templates):
        return None
    employee = repo.get_employee(employee_id)
    if employee is None:
        return None
    return DuplicateFinding(employee, count, len(templates), best_distance[employee_id])


def save_enrollment(
    repo: Repository,
    *,
    code: str,
    name: str,
    templates: Sequence[Template],
    department: str = "",
    consent_at: datetime | None = None,
    force: bool = False,
    policy: MatchPolicy | None = None,
    actor: str = "admin",
) -> Employee:
    """Create (or re-enroll) an employee with these templates.

    Re-enrolling an existing code replaces that employee's templates and keeps
    their attendance history. Raises :class:`InputError` when the face already
    matches another employee, unless ``force``.
    """
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise InputError("employee code and name must not be empty")
    if not templates:
        raise InputError("no face templates to save")
    existing = repo.find_employee(code)
    if not force:
        duplicate = find_duplicate(repo, templates, policy, existing.id if existing else None)
        if duplicate is not None:
            other = duplicate.employee
            raise InputError(
                f"this face already belongs to {other.name} ({other.code}), "
                f"distance {duplicate.distance:.2f}; use --force if they are different people"
            )
    pairs = [(t.angle, t.encoding) for t in templates]
    if existing is None:
        employee = repo.add_employee(code, name, department, consent_at=consent_at, actor=actor, templates=pairs)
    else:
        repo.replace_templates(existing.id, pairs, actor=actor)
        employee = repo.update_employee(
            existing.id, name=name, department=department or existing.department,
            consent_at=consent_at or existing.consent_at, active=True, actor=actor,
        )
    log.info("enrolled %s with %d templates", code, len(templates))
    return employee


# --------------------------------------------------------------------------
# Guided five-angle capture (drives the GUI wizard; no Qt here)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class CaptureRules:
    """When a frame is good enough to become a template.

    Pose ranges are in degrees (see :class:`kiosk.vision.types.Pose`); "left"
    and "right" are the employee's own left and right. The ranges are wide
    (15°+) because the generic 3-D face model is off by a few degrees for any
    one person, and narrow targets make people give up.
    """

    min_face_px: int = 110
    """Shorter side of the face box; smaller faces give noisy encodings."""
    min_brightness: float = 60.0
    max_brightness: float = 215.0
    min_sharpness: float = 60.0
    """Variance of the Laplacian at 128 px; below it the face is motion-blurred."""
    front_max_deg: float = 10.0
    side_min_yaw_deg: float = 20.0
    side_max_yaw_deg: float = 50.0
    up_min_pitch_deg: float = 12.0
    down_min_pitch_deg: float = 12.0
    steady_frames: int = 2
    """Consecutive in-range frames before capture, so a head passing through a
    range mid-turn is not captured blurred."""


def angle_of(face: Face, rules: CaptureRules) -> str | None:
    """Which of the five angles this pose is in, if any."""
    yaw, pitch = face.pose.yaw, face.pose.pitch
    if abs(yaw) <= rules.front_max_deg and abs(pitch) <= rules.front_max_deg:
        return "front"
    if abs(pitch) < rules.up_min_pitch_deg:
        if rules.side_min_yaw_deg <= yaw <= rules.side_max_yaw_deg:
            return "left"
        if rules.side_min_yaw_deg <= -yaw <= rules.side_max_yaw_deg:
            return "right"
    if abs(yaw) <= rules.front_max_deg * 1.5:
        if pitch >= rules.up_min_pitch_deg:
            return "up"
        if pitch <= -rules.down_min_pitch_deg:
            return "down"
    return None


def quality_problem(face: Face, rules: CaptureRules) -> str | None:
    """The reason a face cannot be captured yet, as a hint code, or None."""
    quality = face.quality
    if quality.size_px < rules.min_face_px:
        return "move_closer"
    if quality.brightness < rules.min_brightness:
        return "too_dark"
    if quality.brightness > rules.max_brightness:
        return "too_bright"
    if quality.sharpness < rules.min_sharpness:
        return "hold_still"
    return None


_TURN_HINTS = {"front": "look_straight", "left": "turn_left", "right": "turn_right", "up": "look_up", "down": "look_down"}


@dataclass(frozen=True)
class CaptureStatus:
    """What the wizard shows after one frame.

    ``hint`` is a code the screen translates: no_face, several_faces,
    move_closer, too_dark, too_bright, hold_still, look_straight, turn_left,
    turn_right, look_up, look_down, hold (in range, capturing), done.
    """

    face: Face | None
    hint: str
    target: str | None
    captured: str | None
    done: tuple[str, ...]


@dataclass
class GuidedCapture:
    """Collects one template per angle from a stream of frames.

    Feed it every analysed frame; it captures automatically when exactly one
    face is present, its quality is good, and its pose has been in the range of
    a not-yet-captured angle for ``steady_frames`` frames. Any missing angle
    may be captured when the head passes through it; the hint asks for the
    first missing one in :data:`ANGLES` order.
    """

    analyzer: FaceAnalyzer
    rules: CaptureRules = field(default_factory=CaptureRules)
    templates: dict[str, Template] = field(default_factory=dict)
    _streak_angle: str | None = None
    _streak: int = 0

    @property
    def done(self) -> tuple[str, ...]:
        return tuple(a for a in ANGLES if a in self.templates)

    @property
    def complete(self) -> bool:
        return len(self.templates) == len(ANGLES)

    def reset(self) -> None:
        self.templates.clear()
        self._streak_angle, self._streak = None, 0

    def feed(self, rgb: np.ndarray, faces: list[Face]) -> CaptureStatus:
        target = next((a for a in ANGLES if a not in self.templates), None)
        if target is None:
            return CaptureStatus(None, "done", None, None, self.done)
        if not faces:
            self._streak = 0
            return CaptureStatus(None, "no_face", target, None, self.done)
        if len(faces) > 1:
            self._streak = 0
            return CaptureStatus(None, "several_faces", target, None, self.done)
        face = faces[0]
        problem = quality_problem(face, self.rules)
        if problem is not None:
            self._streak = 0
            return CaptureStatus(face, problem, target, None, self.done)
        angle = angle_of(face, self.rules)
        if angle is None or angle in self.templates:
            self._streak = 0
            return CaptureStatus(face, _TURN_HINTS[target], target, None, self.done)
        self._streak = self._streak + 1 if angle == self._streak_angle else 1
        self._streak_angle = angle
        if self._streak < self.rules.steady_frames:
            return CaptureStatus(face, "hold", target, None, self.done)
        self.templates[angle] = Template(angle=angle, encoding=self.analyzer.encode(rgb, face))
        self._streak = 0
        target = next((a for a in ANGLES if a not in self.templates), None)
        hint = "done" if target is None else _TURN_HINTS[target]
        return CaptureStatus(face, hint, target, angle, self.done)
