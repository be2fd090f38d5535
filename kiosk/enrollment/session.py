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
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

import numpy as np

from kiosk.enrollment.capture import (
    PHOTO_ANGLE,
    CaptureResult,
    CaptureRules,
    GuidedCapture,
    Template,
    can_finish,
    missing_angles,
)
from kiosk.errors import InputError
from kiosk.matching import Matcher, MatchPolicy
from kiosk.storage.models import Employee
from kiosk.storage.repository import Repository
from kiosk.vision.detect import FaceAnalyzer
from kiosk.vision.image import load_rgb
from kiosk.vision.types import Face, Frame

log = logging.getLogger("kiosk.enrollment")


SECOND_FACE_RATIO = 0.5
"""An image is refused when its second-largest face has at least this fraction
of the largest face's area: then we cannot tell who is being enrolled. A small
face in the background (under half the area) is ignored."""


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
    matcher = Matcher(repo.templates.gallery(), policy)
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
    employee = repo.employees.get(employee_id)
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

    An existing code raises :class:`~kiosk.storage.employees.CodeTakenError`
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
    audit) is one write transaction, see :meth:`kiosk.storage.employees.Employees.enroll`.
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

    employee = repo.employees.enroll(
        code, name, [(t.angle, t.encoding) for t in templates], department=department, consent_at=consent_at,
        replace=replace is not False, vet=refuse_duplicate, actor=actor,
    )
    log.info("enrolled %s with %d templates", code, len(templates))
    return employee


# --------------------------------------------------------------------------
# Guided five-angle capture (drives the GUI wizard; no Qt here)
# --------------------------------------------------------------------------


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
        return self.repo.employees.find(code) if code else None

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
