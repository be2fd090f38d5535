"""Enrolling staff: from image files (CLI, evaluate) and by guided capture (GUI).

Both paths end in :func:`save_enrollment`, which refuses a face that already
belongs to another employee (unless forced) and then writes the employee and
their templates. The GUI's wizard draws an :class:`EnrollmentSession`: the one
place that holds a guided enrollment's details, consent, captured angles and
duplicate finding, and decides when it may finish.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import partial
from pathlib import Path

import numpy as np

from kiosk.camera import Frame
from kiosk.errors import InputError
from kiosk.matching import Matcher, MatchPolicy
from kiosk.storage.repository import Employee, Repository
from kiosk.storage.schema import ANGLES as TEMPLATE_ANGLES
from kiosk.vision.detect import FaceAnalyzer
from kiosk.vision.image import load_rgb
from kiosk.vision.pose import turn_ratio
from kiosk.vision.types import Box, Face

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
    """Encode the main face of each image; refuses the whole batch on the first bad image.

    Photos get the detector's second look (:meth:`FaceAnalyzer.analyze_still`).
    """
    if not paths:
        raise InputError("give at least one image to enroll from")
    templates = []
    for path in paths:
        rgb = load_rgb(path)
        face = main_face(analyzer.analyze_still(rgb), str(path))
        templates.append(Template(angle=PHOTO_ANGLE, encoding=analyzer.encode(rgb, face), source=str(path)))
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
    replace: bool | Employee = False,
    force: bool = False,
    policy: MatchPolicy | None = None,
    actor: str = "admin",
) -> Employee:
    """Create an employee with these templates, or with ``replace`` re-enroll the code's owner.

    An existing code raises :class:`~kiosk.storage.repository.CodeTakenError`
    unless ``replace``: enrolling someone under a code that is taken must never
    silently hand that person's attendance history to someone else.
    Re-enrolling replaces the owner's templates and keeps their history.
    ``replace`` as an :class:`Employee` re-enrolls only that employee: if the
    code belongs to nobody or to someone else by the time of writing, nothing
    is written (:class:`InputError`).

    Raises :class:`InputError` when the face already matches another employee,
    unless ``force``. "Another" is anyone but the code's owner at the moment
    of writing, and only when ``replace`` lets that owner be re-enrolled; a
    face matching an employee under a different code is refused even then.
    Everything (the code check, the duplicate check, details, templates,
    audit) is one write transaction, see :meth:`Repository.enroll`.
    """
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise InputError("employee code and name must not be empty")
    if not templates:
        raise InputError("no face templates to save")

    def refuse_duplicate(owner: Employee | None) -> None:
        if isinstance(replace, Employee) and (owner is None or owner.id != replace.id):
            raise InputError(f"employee {replace.code} changed while they were being re-enrolled; start again")
        if force:
            return
        # Only reached with owner None (new code) or with replace: owner is the one being re-enrolled.
        duplicate = find_duplicate(repo, templates, policy, owner.id if owner is not None else None)
        if duplicate is not None:
            other = duplicate.employee
            raise InputError(
                f"this face already belongs to {other.name} ({other.code}), "
                f"distance {duplicate.distance:.2f}; use --force if they are different people"
            )

    employee = repo.enroll(
        code, name, [(t.angle, t.encoding) for t in templates], department=department, consent_at=consent_at,
        replace=replace is not False, vet=refuse_duplicate, actor=actor,
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


class EnrollmentSession:
    """One person's guided enrollment: details, consent, captured angles, duplicate check, save.

    The wizard only draws a session and passes on what the admin types; every
    rule lives here: the details need a code and a name, consent is a moment
    on the kiosk's clock, capture may finish with front plus
    :data:`MIN_EXTRA_ANGLES` more angles, a face that already belongs to
    someone else is stopped, and saving goes through :func:`save_enrollment`.

    Threads: :meth:`capturing` feeds :attr:`capture` from a vision thread.
    While it runs, only that thread touches the capture; the screen draws the
    :class:`CaptureResult` snapshots it returns, and reads :attr:`templates`
    and friends again only once that thread has stopped.
    """

    def __init__(
        self,
        repo: Repository,
        clock: Callable[[], datetime],
        policy: MatchPolicy,
        existing: Employee | None = None,
        rules: CaptureRules | None = None,
    ) -> None:
        """Start enrolling someone new, or re-enrolling ``existing`` (their code is fixed).

        ``repo`` is a connection of the calling thread; ``policy`` is the
        kiosk's live matching rule, so the duplicate check refuses exactly the
        faces the kiosk would confuse.
        """
        self.repo = repo
        self.clock = clock
        self.policy = policy
        self.existing = existing
        self.code = existing.code if existing is not None else ""
        self.name = existing.name if existing is not None else ""
        self.department = existing.department if existing is not None else ""
        self.consent_at: datetime | None = None
        self.capture = GuidedCapture(rules or CaptureRules())
        self.duplicate: DuplicateFinding | None = None
        self.saved: Employee | None = None

    # ---- details and consent ---------------------------------------------
    @property
    def details_complete(self) -> bool:
        """A code and a name are given (the department is optional), and the code is not someone else's."""
        return bool(self.code.strip() and self.name.strip()) and not self.code_taken

    @property
    def code_taken(self) -> bool:
        """A new enrollment's code already belongs to someone: saving would be refused.

        Re-enrolling an existing employee starts from the staff list, so the
        admin picks the person rather than a code typed by mistake.
        """
        return self.existing is None and self.code_owner() is not None

    def code_owner(self) -> Employee | None:
        """Who the code already belongs to: the person being re-enrolled, or whoever holds the typed code.

        Only a session started as a re-enrollment (``existing``) may save
        under an owned code: it replaces their templates and keeps their
        attendance history. A new enrollment typing someone else's code is
        refused by :meth:`save` (see :attr:`code_taken`).
        """
        if self.existing is not None:
            return self.existing
        code = self.code.strip()
        return self.repo.find_employee(code) if code else None

    def give_consent(self) -> datetime:
        """Record that the employee agreed, now (on the kiosk's clock)."""
        self.consent_at = self.clock()
        return self.consent_at

    def withdraw_consent(self) -> None:
        self.consent_at = None

    # ---- capture ----------------------------------------------------------
    @property
    def templates(self) -> tuple[Template, ...]:
        """The captured templates, in :data:`ANGLES` order."""
        return tuple(self.capture.templates[angle] for angle in self.capture.done)

    @property
    def previews(self) -> dict[str, np.ndarray]:
        """Face crops of the captured angles, for the review; never stored."""
        return dict(self.capture.previews)

    @property
    def done(self) -> tuple[str, ...]:
        return self.capture.done

    @property
    def missing(self) -> tuple[str, ...]:
        return missing_angles(self.capture.done)

    @property
    def can_finish(self) -> bool:
        """Enough angles are captured to continue (see :func:`can_finish`)."""
        return can_finish(self.capture.done)

    def add_template(self, template: Template, preview: np.ndarray | None = None) -> None:
        """Use a template made elsewhere (say from a photo) for its angle, as if captured."""
        self.capture.keep(template, preview)
        self.duplicate = None

    def restart_capture(self) -> None:
        """Throw the captured angles away; capture starts again with "front"."""
        self.capture.reset()
        self.duplicate = None

    @contextmanager
    def capturing(self, open_analyzer: Callable[[], FaceAnalyzer]) -> Iterator[Callable[[Frame], CaptureResult]]:
        """Guided capture as a frame processor: each frame is analysed and fed to :attr:`capture`.

        Enter it in the thread that will process the frames: ``open_analyzer``
        builds the face analyser there, because dlib's objects are not
        thread-safe and loading its models takes about a second the screen
        must not wait for. Captured angles are kept when it closes, so capture
        continues where it stopped when it is opened again.
        """
        analyzer = open_analyzer()
        yield partial(self.capture.process, analyzer=analyzer)

    # ---- duplicate check and save ------------------------------------------
    def check_duplicate(self) -> DuplicateFinding | None:
        """Does this face already belong to another employee? Remembered in :attr:`duplicate`.

        The person being re-enrolled is not a duplicate of themselves; anyone
        else is, including the owner of a code a new enrollment typed (saving
        under that code is refused anyway).
        """
        existing = self.existing
        self.duplicate = find_duplicate(
            self.repo, self.templates, self.policy, existing.id if existing is not None else None
        )
        return self.duplicate

    def save(self, actor: str = "admin") -> Employee:
        """Write the employee and their templates (see :func:`save_enrollment`).

        Raises :class:`InputError` when the details are incomplete, nothing was
        captured, the face belongs to someone else, or the code belongs to
        someone and this session is not their re-enrollment; nothing is
        written then. A re-enrollment replaces only the employee it was
        started for: it is refused if their code has meanwhile gone to someone else.
        """
        existing = self.existing
        if existing is not None and self.code.strip() != existing.code:
            raise InputError(f"a re-enrollment keeps the code {existing.code}; enroll {self.code.strip()} as new")

        self.saved = save_enrollment(
            self.repo,
            code=self.code,
            name=self.name,
            department=self.department.strip(),
            templates=self.templates,
            consent_at=self.consent_at,
            replace=existing if existing is not None else False,
            policy=self.policy,
            actor=actor,
        )
        return self.saved
