"""Measuring the kiosk on recorded data: ``kiosk evaluate`` and ``kiosk liveness``.

``evaluate_folder`` measures open-set matching on a folder of identities;
``follow_video``/``check_video`` run the blink check over a video file as the
kiosk would live.

Matching protocol (fixed, so numbers are comparable across populations):

* one sub-folder per person; images are .jpg, .jpeg, .png, .pgm or .bmp;
* identities sorted by name; the first ceil(2/3) are enrolled, each with its
  first min(5, n−1) images in file-name order, through the same code as
  ``kiosk enroll`` (into a throw-away database);
* their remaining images are genuine probes; every image of the other
  identities is a stranger probe;
* images are analysed as stills (:meth:`FaceAnalyzer.analyze_still`: a second,
  upsampled detection pass where the first finds no face), as ``kiosk enroll``
  and ``kiosk identify`` do;
* each probe uses its largest face; a probe with no face counts as rejected.
"""

from __future__ import annotations

import logging
import math
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from kiosk.camera import FrameSource
from kiosk.engine import create_analyzer
from kiosk.enrollment.capture import Template
from kiosk.enrollment.session import main_face, save_enrollment
from kiosk.errors import InputError, KioskError
from kiosk.matching import Matcher
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.vision.challenge import Challenge, ChallengeConfig, ChallengeStatus, FailReason, Movement, reference_pose
from kiosk.vision.detect import FaceAnalyzer
from kiosk.vision.image import IMAGE_SUFFIXES, load_rgb
from kiosk.vision.liveness import BlinkDetector, LivenessState
from kiosk.vision.track import SubjectTracker
from kiosk.vision.types import Face

log = logging.getLogger("kiosk.evaluation")


@dataclass(frozen=True)
class EvaluationReport:
    """Rates are fractions of ``probes`` (genuine) or ``strangers``."""

    tar: float
    misid: float
    far: float
    probes: int
    strangers: int
    no_face: int
    enrolled: int
    templates: int
    enroll_refused: int

    def to_json(self) -> dict[str, float | int]:
        return asdict(self)


def _images(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def evaluate_folder(
    root: Path, settings: Settings | None = None, analyzer: FaceAnalyzer | None = None
) -> EvaluationReport:
    """Run the protocol above on ``root`` and return the rates.

    ``settings`` (default: the defaults) give the match policy and the detector
    configuration, exactly as the kiosk would use them.
    """
    settings = settings or Settings()
    root = Path(root)
    if not root.is_dir():
        raise InputError(f"not a folder: {root}")
    people = sorted((p for p in root.iterdir() if p.is_dir() and _images(p)), key=lambda p: p.name)
    if len(people) < 2:
        raise InputError(f"{root} needs at least two sub-folders of images, one per person")
    analyzer = analyzer or create_analyzer(settings)
    policy = settings.match_policy
    enrolled_count = math.ceil(2 * len(people) / 3)
    genuine: list[tuple[str, Path]] = []
    strangers: list[Path] = []
    enroll_refused = 0
    with tempfile.TemporaryDirectory(prefix="kiosk-eval-") as tmp, Repository(Path(tmp) / "eval.sqlite") as repo:
        for person in people[:enrolled_count]:
            images = _images(person)
            count = min(5, len(images) - 1)
            templates = []
            for path in images[:count]:
                rgb = load_rgb(path)
                try:
                    face = main_face(analyzer.analyze_still(rgb), str(path))
                except InputError:
                    continue
                templates.append(Template("photo", analyzer.encode(rgb, face), str(path)))
            genuine.extend((person.name, path) for path in images[count:])
            if not templates:
                continue
            try:
                save_enrollment(repo, code=person.name, name=person.name, templates=templates, policy=policy)
            except KioskError:
                # Different folders are different people by definition; count the refusal and keep going.
                enroll_refused += 1
                save_enrollment(
                    repo, code=person.name, name=person.name, templates=templates, policy=policy, force=True
                )
        for person in people[enrolled_count:]:
            strangers.extend(_images(person))
        matcher = Matcher(repo.templates.gallery(), policy)
        codes = {e.id: e.code for e in repo.employees.all()}
        enrolled = len(codes)

        def identify(path: Path) -> str | bool | None:
            rgb = load_rgb(path)
            faces = analyzer.analyze_still(rgb)
            if not faces:
                return False
            face = max(faces, key=lambda f: f.box.area)
            match = matcher.identify(analyzer.encode(rgb, face))
            return None if match.accepted_id is None else codes.get(match.accepted_id)

        no_face = right = wrong = false_accepts = 0
        for name, path in genuine:
            result = identify(path)
            if result is False:
                no_face += 1
            elif result == name:
                right += 1
            elif result is not None:
                wrong += 1
        for path in strangers:
            result = identify(path)
            if result is False:
                no_face += 1
            elif result is not None:
                false_accepts += 1
        templates_total = matcher.size
    return EvaluationReport(
        tar=round(right / len(genuine), 4) if genuine else 0.0,
        misid=round(wrong / len(genuine), 4) if genuine else 0.0,
        far=round(false_accepts / len(strangers), 4) if strangers else 0.0,
        probes=len(genuine),
        strangers=len(strangers),
        no_face=no_face,
        enrolled=enrolled,
        templates=templates_total,
        enroll_refused=enroll_refused,
    )


@dataclass(frozen=True)
class LivenessReport:
    """Liveness over a whole video: ``frames`` read, ``blinks`` accepted, and the
    index of the frame where ``live`` first became true (``None`` if never)."""

    live: bool
    blinks: int
    frames: int
    decided_at_frame: int | None


@dataclass(frozen=True, eq=False)
class VideoStep:
    """One frame of :func:`follow_video`: the tracked subject and its liveness."""

    frame_index: int
    subject: Face | None
    changed: bool
    state: LivenessState
    timestamp: float = 0.0
    """The frame's timestamp, in seconds."""


def follow_video(
    path: str | Path, analyzer: FaceAnalyzer | None = None, settings: Settings | None = None
) -> Iterator[VideoStep]:
    """Track the subject of a video and feed it to a :class:`BlinkDetector`, frame by frame.

    The detector is reset whenever the tracker switches to a different person,
    so one person's blink never counts for another. Raises
    :class:`~kiosk.errors.CameraError` if the file cannot be read.
    """
    analyzer = analyzer or create_analyzer(settings or Settings())
    tracker = SubjectTracker()
    detector = BlinkDetector()
    with FrameSource(Path(path)) as source:
        for frame in source.frames():
            height, width = frame.rgb.shape[:2]
            subject, changed = tracker.update(analyzer.analyze(frame.rgb), width, height)
            if changed:
                detector.reset()
            state = detector.update(subject, frame.timestamp)
            yield VideoStep(frame.index, subject, changed, state, frame.timestamp)


def check_video(
    path: str | Path, analyzer: FaceAnalyzer | None = None, settings: Settings | None = None
) -> LivenessReport:
    """Run the blink check over a whole video file, as the kiosk would live.

    Every frame is analysed (about 0.05 s a 640×480 frame on one core).
    ``decided_at_frame`` is where the current subject first became live; a new
    person starts over.
    """
    started = time.perf_counter()
    report = liveness_report(follow_video(path, analyzer, settings))
    log.info("liveness of %s: live=%s, %d blinks, %d frames (%.1f s)",
             path, report.live, report.blinks, report.frames, time.perf_counter() - started)
    return report


def liveness_report(steps: Iterable[VideoStep]) -> LivenessReport:
    """Liveness over the steps of :func:`follow_video` (a new subject starts over)."""
    frames = 0
    decided_at: int | None = None
    state: LivenessState | None = None
    for step in steps:
        frames += 1
        state = step.state
        if step.changed:
            decided_at = None
        if state.live and decided_at is None:
            decided_at = step.frame_index
    live = state.live if state is not None else False
    blinks = state.blinks if state is not None else 0
    return LivenessReport(live=live, blinks=blinks, frames=frames, decided_at_frame=decided_at)


@dataclass(frozen=True)
class ChallengeOutcome:
    """A challenge played over a recorded video.

    ``asked``: each movement drawn, with the index of the frame at which it was
    asked (``None``: never asked, because the challenge never started or failed
    before it). ``passed``: every movement done in time with no other first.
    ``reason``: why it failed (``None`` if it passed or never started).
    """

    asked: tuple[tuple[Movement, int | None], ...]
    passed: bool
    reason: FailReason | None = None

    def to_json(self) -> list[dict[str, str | int | None]]:
        return [{"movement": movement.value, "asked_at_frame": frame} for movement, frame in self.asked]


def first_face_frame(steps: Sequence[VideoStep]) -> int | None:
    """Index of the first frame with a subject: where the ``always`` mode starts a challenge in a replay
    (there is no database to identify anyone against; the kiosk starts at the identification)."""
    return next((step.frame_index for step in steps if step.subject is not None), None)


def play_challenge(
    steps: Sequence[VideoStep],
    movements: Sequence[Movement],
    start_frame: int | None,
    config: ChallengeConfig | None = None,
) -> ChallengeOutcome:
    """Play a challenge over recorded steps of :func:`follow_video`, starting at ``start_frame``.

    The first movement is asked on ``start_frame`` (``None``: the challenge
    never starts, and fails), and each next one on the frame the previous one
    was done, exactly as the engine would. The reference pose is the median
    over ``config.reference_s`` before the start. Analysing a video is the
    expensive part, so tests analyse each once and play many draws on it.
    """
    config = config or ChallengeConfig()
    movements = tuple(movements)
    if start_frame is None:
        return ChallengeOutcome(tuple((movement, None) for movement in movements), passed=False)
    by_index = {step.frame_index: step for step in steps}
    if start_frame not in by_index:
        raise InputError(f"the challenge cannot start at frame {start_frame}: the video has no such frame")
    started_at = by_index[start_frame].timestamp
    recent = [
        (step.timestamp, step.subject.pose.yaw, step.subject.pose.pitch)
        for step in steps
        if step.subject is not None and step.frame_index <= start_frame
    ]
    challenge = Challenge(movements, started_at, reference_pose(recent, started_at, config.reference_s), config)
    frame_at = {started_at: start_frame}
    state = challenge.state
    for step in steps:
        if step.frame_index < start_frame:
            continue
        frame_at[step.timestamp] = step.frame_index
        pose = None if step.subject is None else (step.subject.pose.yaw, step.subject.pose.pitch)
        state = challenge.update(pose, step.timestamp)
        if state.status is not ChallengeStatus.ASKING:
            break
    asked_frames: list[int | None] = [frame_at[t] for t in state.asked_at]
    asked_frames += [None] * (len(movements) - len(asked_frames))
    return ChallengeOutcome(
        tuple(zip(movements, asked_frames, strict=True)), state.status is ChallengeStatus.PASSED, state.reason
    )
