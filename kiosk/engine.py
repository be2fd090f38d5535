"""Frame in, events out: the decisions the kiosk screen draws and the CLI prints.

The engine owns one *session* per person standing at the camera. A session
starts when the tracked subject changes and ends when nobody has been seen for
``lost_after_s``. Within a session it

1. keeps following the same face (not whoever walks behind them),
2. encodes that face a few times a second and votes: ``votes_needed`` matches
   of the same person among the last ``vote_window`` encodings identify them
   (a single lucky frame never checks anyone in). The encoding goes through an
   :class:`~kiosk.vision.encoder.Encoder`: at once in the caller's thread for
   replays (``run-video``, tests: the same votes on the same frames every
   time), or in a separate process for the live kiosk, whose votes arrive a
   few frames later while the landmarks go on frame by frame,
3. watches for a blink on that same face (unless liveness is switched off),
   on every frame it is given, and tells the blink detector when frames were
   skipped before this one (a live kiosk drops frames when it falls behind),
4. and once identified *and* live, records one attendance event through
   :class:`kiosk.attendance.scan.AttendanceRules` — which decides in/out/cooldown
   and commits before the event is returned.

If another program holds the database's write lock, or its disk is full, the
check-in is kept *pending* (status ``SAVING``) with the time the person was
there, and written again on every frame until it commits; only then is
CHECKED_IN/OUT reported.
Every other storage error propagates as itself: it is never turned into
"not recognised".

After that the session is finished: the person may keep standing there and
nothing more is written. Nor is anything written for them in a *later*
session while they stay in view: a head turned far away, a hand before the
face or someone walking past can make the follower lose the face and start a
new session, which would otherwise identify them again and check them out (or,
after a check-out, in). Once the kiosk has answered someone (in, out or
"already checked in"), a session that identifies them is only answered again
if it started more than ``EngineConfig.left_view_after_s`` after a face of
theirs was last followed, i.e. once they have left the camera's view.
"""

from __future__ import annotations

import logging
import random
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

import numpy as np

from kiosk.attendance.scan import AttendanceRules, CheckInSource, Outcome, OutcomeKind
from kiosk.errors import DatabaseBusy, DiskFull
from kiosk.matching import Matcher
from kiosk.privacy import RetentionSchedule
from kiosk.settings.specs import Settings
from kiosk.storage.models import Employee
from kiosk.storage.repository import Repository
from kiosk.storage.schema import new_uid
from kiosk.vision.challenge import (
    Challenge,
    ChallengeConfig,
    ChallengeMode,
    ChallengeState,
    ChallengeStatus,
    draw_movements,
    reference_pose,
)
from kiosk.vision.detect import FaceAnalyzer
from kiosk.vision.encoder import Encoder, SyncEncoder
from kiosk.vision.follow import FaceFollower
from kiosk.vision.liveness import BlinkDetector, LivenessState
from kiosk.vision.types import Box, Face, Frame

log = logging.getLogger("kiosk.engine")


class EventKind(StrEnum):
    """What the kiosk tells the person in front of it."""

    NO_FACE = "no_face"
    LOOK_AT_CAMERA = "look_at_camera"
    FACE_SEEN = "face_seen"
    BLINK_NEEDED = "blink_needed"
    CHALLENGE = "challenge"
    """Asking for a head movement (``FrameResult.challenge`` says which and how far along)."""
    UNKNOWN = "unknown"
    """Not recognised: nobody enrolled matched (or the match was deactivated meanwhile)."""
    BLINK_NOT_SEEN = "blink_not_seen"
    """Recognised, but no blink within ``Settings.liveness_timeout_s``: nothing is
    recorded, and the person is asked to blink, not told they are a stranger."""
    NO_STAFF_ENROLLED = "no_staff_enrolled"
    """A face, but nobody is enrolled yet: nothing to match against, no PIN to offer."""
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"
    COOLDOWN = "cooldown"
    SAVING = "saving"
    """Identified and live; the check-in waits for the database's write lock."""


_EVENT_FOR_OUTCOME = {
    OutcomeKind.CHECKED_IN: EventKind.CHECKED_IN,
    OutcomeKind.CHECKED_OUT: EventKind.CHECKED_OUT,
    OutcomeKind.COOLDOWN: EventKind.COOLDOWN,
}


@dataclass(frozen=True)
class EngineConfig:
    """Session tuning. Times are in seconds of frame time."""

    min_face_px: int = 70
    """Smaller subjects are asked to come closer: encodings of tiny faces are noisy."""
    max_yaw_deg: float = 35.0
    """Faces turned further than this are not encoded (dlib's encoder degrades)."""
    encode_interval_s: float = 0.25
    """At most four encodings a second: each costs ~0.12 s of CPU on the prebuilt
    dlib (no BLAS), and three agreeing votes within a second are plenty."""
    votes_needed: int = 3
    vote_window: int = 5
    unknown_after: int = 6
    """Encodings without agreement before saying "not recognised"."""
    lost_after_s: float = 1.5
    """Nobody seen for this long ends the session (covers a missed detection or two)."""
    retry_after_s: float = 2.0
    """After "not recognised", wait this long before trying the same person again."""
    left_view_after_s: float = 5.0
    """Seconds without a followed face of someone the kiosk has answered before they
    count as having left the camera's view, and may be answered (and recorded) again.
    A person standing in view loses their face for up to 1.0 s when they turn
    their head far (15 frames of ``head-turn.mov`` at 15 fps, past about 45°),
    and for a moment when someone walks past; 5 s is five times that, and
    still shorter than it takes to walk out of view and come back to scan again."""
    gallery_check_s: float = 5.0
    """How often to look for enrollments made elsewhere (the CLI, another kiosk):
    one small query, so someone enrolled on a server is recognised within seconds."""


@dataclass(frozen=True)
class EngineEvent:
    """Something that happened, once (the screen shows it, the CLI prints in/out)."""

    kind: EventKind
    frame_index: int
    timestamp: float
    employee: Employee | None = None
    distance: float | None = None
    live: bool = False
    outcome: Outcome | None = None
    offer_pin: bool = False
    """On an UNKNOWN or BLINK_NOT_SEEN event: the person has failed often enough that the code +
    PIN fallback should be offered (``Settings.pin_fallback`` and
    ``failed_attempts_before_pin`` decide)."""


@dataclass(frozen=True)
class FrameResult:
    """Everything the screen needs to draw one frame.

    ``status`` is the prompt to show now; ``events`` are the one-off things
    that happened on this frame (usually none).
    """

    frame_index: int
    timestamp: float
    faces: tuple[Box, ...]
    subject: Box | None
    subject_name: str | None
    status: EventKind
    events: tuple[EngineEvent, ...] = ()
    liveness: LivenessState | None = None
    challenge: ChallengeState | None = None
    """The head-movement challenge while one is under way (``Settings.liveness_challenge``)."""


@dataclass
class _Session:
    started_at: float
    last_seen_at: float
    votes: deque = field(default_factory=deque)
    encodings: int = 0
    last_encode_at: float = float("-inf")
    employee: Employee | None = None
    distance: float | None = None
    identified_at: float | None = None
    challenge: Challenge | None = None
    challenge_passed_at: float | None = None
    finished_status: EventKind | None = None
    retry_at: float | None = None
    tickets: set[int] = field(default_factory=set)
    """Encodings asked for in this attempt and not yet voted on."""
    encoded: deque = field(default_factory=deque)
    """Finished encodings of this attempt, waiting for their vote."""
    told_nobody_enrolled: bool = False
    """NO_STAFF_ENROLLED was reported to this person already (once per session, not per frame)."""

    def restart_attempt(self) -> None:
        """Try again from scratch with the same person still in front of the camera."""
        self.votes.clear()
        self.tickets.clear()
        self.encoded.clear()
        self.encodings = 0
        self.last_encode_at = float("-inf")
        self.employee = self.distance = self.identified_at = None
        self.challenge = self.challenge_passed_at = None
        self.finished_status = self.retry_at = None


@dataclass
class _Answered:
    """Someone the kiosk has answered: when a face of theirs was last followed, and what they were told."""

    last_seen_at: float
    """Frame time in seconds."""
    status: EventKind


@dataclass
class PendingCheckIn:
    """A check-in decided but not yet committed (the database was busy, or its disk full)."""

    employee: Employee
    distance: float | None
    live: bool
    at: datetime
    """When the person was recognised: the time recorded, however late the write."""
    session: _Session | None
    busy_since: float
    flags: tuple[str, ...] = ()
    """Decided with the check-in: ``clock_suspect`` if the clock looked wrong when it stamped :attr:`at`."""
    waiting_for: type[Exception] | None = None
    """Why the last write failed (:class:`DatabaseBusy`, :class:`DiskFull`), so each cause is logged once."""
    uid: str = field(default_factory=new_uid)
    """The event's global id, fixed when the check-in is decided, so a retry after a write whose
    answer was lost (a server connection dropping after the commit) finds that write, not a second one."""


class Engine:
    """Turns frames into attendance decisions. Not thread-safe: one per worker."""

    def __init__(
        self,
        repo: Repository,
        rules: AttendanceRules,
        settings: Settings,
        analyzer: FaceAnalyzer | None = None,
        config: EngineConfig | None = None,
        encoder: Encoder | None = None,
        rng: random.Random | None = None,
    ) -> None:
        """``encoder`` defaults to a :class:`SyncEncoder` over ``analyzer``; the
        caller owns a given encoder (and closes it). ``rng`` draws the
        head-movement challenges: :class:`random.SystemRandom` by default, so
        nobody can predict them; tests pass a seeded :class:`random.Random`."""
        self.repo = repo
        self.rules = rules
        self.settings = settings
        self.config = config or EngineConfig()
        self.analyzer = analyzer or create_analyzer(settings)
        self._follower = FaceFollower(self.analyzer)
        self.encoder: Encoder = encoder or SyncEncoder(self.analyzer)
        self._blink = BlinkDetector()
        self.rng = rng or random.SystemRandom()
        self.challenge_config = ChallengeConfig()
        self._poses: deque[tuple[float, float, float]] = deque()
        """(timestamp, yaw, pitch) of the subject over the last second: the challenge's reference pose."""
        self._last_frame_index: int | None = None
        self._session: _Session | None = None
        self._failed_attempts = 0
        self._gallery_checked_at = float("-inf")
        self._pending: deque[PendingCheckIn] = deque()
        self._answered: dict[int, _Answered] = {}
        """Employees answered and not yet known to have left the view, by employee id."""
        self.retention: RetentionSchedule | None = None
        """Erases expired biometrics once a day, between frames (set by :func:`create_engine`)."""
        self.reload_gallery()

    # ------------------------------------------------------------------ admin
    def reload_gallery(self) -> None:
        """Pick up enrollments and deactivations made since start-up."""
        self._gallery_revision = self.repo.templates.revision()
        self._matcher = Matcher(self.repo.templates.gallery(), self.settings.match_policy)

    def _refresh_gallery(self, now: float) -> None:
        if abs(now - self._gallery_checked_at) < self.config.gallery_check_s:
            return
        self._gallery_checked_at = now
        if self.repo.templates.revision() != self._gallery_revision:
            log.info("gallery changed on disk; reloading templates")
            self.reload_gallery()

    # ------------------------------------------------------------------ frames
    @property
    def pending_check_ins(self) -> int:
        """Check-ins decided but not yet committed because the database is busy or its disk full."""
        return len(self._pending)

    def take_pending(self) -> list[PendingCheckIn]:
        """Hand over the uncommitted check-ins (the engine is being replaced); they stay queued
        only in whoever takes them. A warning names each, in case nobody does."""
        taken = list(self._pending)
        self._pending.clear()
        for pending in taken:
            pending.session = None
            log.warning("check-in of %s not yet saved when the engine closed", pending.employee.code)
        return taken

    def adopt_pending(self, pending: list[PendingCheckIn]) -> None:
        """Queue check-ins another engine could not commit; they are written first, in order."""
        self._pending.extendleft(reversed(pending))
        for item in pending:
            log.info("check-in of %s carried over; saving it", item.employee.code)

    def process(self, frame: Frame) -> FrameResult:
        """Analyse one frame and decide what happens (first retrying any pending check-in)."""
        saved = self._save_pending(frame)
        if self.retention is not None:
            self.retention.run_if_due()
        result = self._process_frame(frame)
        return replace(result, events=(*saved, *result.events)) if saved else result

    def _process_frame(self, frame: Frame) -> FrameResult:
        self._refresh_gallery(frame.timestamp)
        followed = self._follower.update(frame.rgb, frame.index)
        subject, changed, boxes = followed.subject, followed.changed, followed.faces
        now = frame.timestamp
        # Frames the caller skipped (a live kiosk keeps only the newest) are a gap for the blink detector.
        gap = self._last_frame_index is not None and frame.index != self._last_frame_index + 1
        self._last_frame_index = frame.index
        self._collect_encodings()

        if subject is None:
            session = self._session
            if session is not None and now - session.last_seen_at > self.config.lost_after_s:
                self._session = None
                self._blink.reset()
            self._blink.update(None, now, gap=gap)
            return FrameResult(frame.index, now, boxes, None, None, EventKind.NO_FACE)

        if changed or self._session is None:
            self._session = _Session(started_at=now, last_seen_at=now)
            self._blink.reset()
        session = self._session
        session.last_seen_at = now
        self._forget_who_left(session.started_at)
        liveness = self._blink.update(subject, now, gap=gap)
        self._poses.append((now, subject.pose.yaw, subject.pose.pitch))
        while self._poses and now - self._poses[0][0] > 1.0:
            self._poses.popleft()
        events: list[EngineEvent] = []
        status = self._step(session, frame, subject, liveness, events)
        if session.employee is not None and session.employee.id in self._answered:
            self._answered[session.employee.id].last_seen_at = now
        name = session.employee.name if session.employee is not None else None
        challenge = session.challenge.state if status is EventKind.CHALLENGE and session.challenge else None
        return FrameResult(frame.index, now, boxes, subject.box, name, status, tuple(events), liveness, challenge)

    def _step(
        self,
        session: _Session,
        frame: Frame,
        subject: Face,
        liveness: LivenessState,
        events: list[EngineEvent],
    ) -> EventKind:
        now = frame.timestamp
        if session.finished_status is not None:
            if session.retry_at is None or now < session.retry_at:
                return session.finished_status
            session.restart_attempt()

        if self._matcher.size == 0:
            # Nothing to match against: saying "not recognised" and offering a PIN
            # nobody can have would mislead; the admin has to enroll staff first.
            if not session.told_nobody_enrolled:
                session.told_nobody_enrolled = True
                events.append(EngineEvent(EventKind.NO_STAFF_ENROLLED, frame.index, now, live=liveness.live))
            return EventKind.NO_STAFF_ENROLLED

        if session.employee is None:
            if subject.quality.size_px < self.config.min_face_px or abs(subject.pose.yaw) > self.config.max_yaw_deg:
                return EventKind.LOOK_AT_CAMERA
            self._take_votes(session, now)
            due = now - session.last_encode_at >= self.config.encode_interval_s
            if session.employee is None and due and not self.encoder.busy:
                session.last_encode_at = now
                session.tickets.add(self.encoder.submit(frame.rgb, subject))
                self._collect_encodings()  # a synchronous encoder has it already
                self._take_votes(session, now)
            if session.employee is None:
                if session.encodings >= self.config.unknown_after:
                    return self._fail(session, frame, liveness, events)
                return EventKind.FACE_SEEN

        if self._still_in_view(session, now):
            assert session.finished_status is not None
            return session.finished_status

        live = liveness.live or not self.settings.liveness_required
        challenge_status = self._challenge(session, subject, live, now)
        if challenge_status is ChallengeStatus.FAILED:
            return self._fail(session, frame, liveness, events)
        if challenge_status is ChallengeStatus.ASKING:
            return EventKind.CHALLENGE
        if not live:
            assert session.identified_at is not None
            # The blink timeout runs from the identification, or from the end of a challenge asked before the blink.
            waiting_since = max(session.identified_at, session.challenge_passed_at or session.identified_at)
            if now - waiting_since > self.settings.liveness_timeout_s:
                return self._fail(session, frame, liveness, events, EventKind.BLINK_NOT_SEEN)
            return EventKind.BLINK_NEEDED

        assert session.employee is not None
        employee = self.repo.employees.get(session.employee.id)
        if employee is None or not employee.active:
            # Deactivated by an admin since they were recognised: treat as unknown.
            self.reload_gallery()
            return self._fail(session, frame, liveness, events)
        session.finished_status = EventKind.SAVING
        session.retry_at = None
        self._answered[employee.id] = _Answered(now, EventKind.SAVING)
        if not any(pending.employee.id == employee.id for pending in self._pending):
            at = self.rules.clock()
            # The clock is judged as it stamps the check-in, not when a full disk finally takes it.
            self._pending.append(PendingCheckIn(employee, session.distance, liveness.live, at, session, now,
                                                flags=self.rules.clock_flags(at, employee)))
        events.extend(self._save_pending(frame))
        return session.finished_status

    def _challenge(self, session: _Session, subject: Face, live: bool, now: float) -> ChallengeStatus | None:
        """Start, advance or report the head-movement challenge; ``None`` when none is due (mode off, or
        ``after_blink`` before the blink). Started after the blink, or at once in ``always`` mode."""
        mode = ChallengeMode(self.settings.liveness_challenge)
        if mode is ChallengeMode.OFF:
            return None
        if session.challenge is None:
            if mode is ChallengeMode.AFTER_BLINK and not live:
                return None
            reference = reference_pose(self._poses, now, self.challenge_config.reference_s)
            movements = draw_movements(self.rng, self.challenge_config.movements)
            session.challenge = Challenge(movements, now, reference, self.challenge_config)
            log.info("challenge: %s", ", ".join(movement.value for movement in movements))
        if session.challenge_passed_at is not None:
            return ChallengeStatus.PASSED
        state = session.challenge.update((subject.pose.yaw, subject.pose.pitch), now)
        if state.status is ChallengeStatus.PASSED:
            session.challenge_passed_at = now
        elif state.status is ChallengeStatus.FAILED:
            log.info("challenge failed (%s) asking %s", state.reason, state.current or state.movements[len(state.done)])
        return state.status

    def _save_pending(self, frame: Frame) -> list[EngineEvent]:
        """Commit pending check-ins in order; stop at the first that finds the database busy or the disk full.

        Any other error drops that check-in (it cannot succeed by retrying)
        and propagates, so the caller reports a storage fault as one.
        """
        events: list[EngineEvent] = []
        while self._pending:
            pending = self._pending[0]
            try:
                outcome = self.rules.register(
                    pending.employee, distance=pending.distance, live=pending.live,
                    source=CheckInSource.FACE, at=pending.at, uid=pending.uid, flags=pending.flags,
                )
            except (DatabaseBusy, DiskFull) as waiting:
                if type(waiting) is not pending.waiting_for:  # once per check-in and cause, not per frame
                    pending.waiting_for = type(waiting)
                    log.warning("check-in of %s pending: %s", pending.employee.code, waiting)
                break
            except BaseException:
                self._pending.popleft()
                raise
            self._pending.popleft()
            kind = _EVENT_FOR_OUTCOME[outcome.kind]
            self._failed_attempts = 0
            events.append(
                EngineEvent(kind, frame.index, frame.timestamp, pending.employee, pending.distance, pending.live,
                            outcome)
            )
            if pending.session is not None:
                pending.session.finished_status = kind
            if pending.employee.id in self._answered:
                self._answered[pending.employee.id].status = kind
            waited = frame.timestamp - pending.busy_since
            log.info("%s %s at frame %d%s", kind.value, pending.employee.code, frame.index,
                     f" after waiting {waited:.1f} s for the database" if waited > 0 else "")
        return events

    def _still_in_view(self, session: _Session, now: float) -> bool:
        """Whether ``session``'s person was answered and has not left the view since.

        Their face was followed, in an earlier session, within
        ``left_view_after_s`` before this session's face appeared. Such a
        session ends at once with what they were last told, writing nothing.
        """
        assert session.employee is not None
        answered = self._answered.get(session.employee.id)
        if answered is None or session.started_at - answered.last_seen_at > self.config.left_view_after_s:
            return False
        if session.finished_status is None:
            log.info("%s still in view since their last answer; nothing recorded", session.employee.code)
        session.finished_status = answered.status
        session.retry_at = None
        return True

    def _forget_who_left(self, earliest_face_at: float) -> None:
        """Drop everyone whose face was last followed more than ``left_view_after_s`` before
        ``earliest_face_at`` (when the face now followed appeared): they have left the view."""
        gone = [
            employee_id for employee_id, answered in self._answered.items()
            if earliest_face_at - answered.last_seen_at > self.config.left_view_after_s
        ]
        for employee_id in gone:
            del self._answered[employee_id]

    def _collect_encodings(self) -> None:
        """Take the encoder's finished work; keep what belongs to the current attempt, drop the rest."""
        session = self._session
        for encoding in self.encoder.collect():
            if session is not None and encoding.ticket in session.tickets:
                session.tickets.discard(encoding.ticket)
                session.encoded.append(encoding.vector)

    def _take_votes(self, session: _Session, now: float) -> None:
        while session.encoded and session.employee is None:
            self._vote(session, session.encoded.popleft(), now)

    def _vote(self, session: _Session, encoding: np.ndarray, now: float) -> None:
        session.encodings += 1
        match = self._matcher.identify(encoding)
        session.votes.append((match.accepted_id, match.distance))
        while len(session.votes) > self.config.vote_window:
            session.votes.popleft()
        counts: dict[int, list[float]] = {}
        for employee_id, distance in session.votes:
            if employee_id is not None:
                counts.setdefault(employee_id, []).append(distance)
        for employee_id, distances in counts.items():
            if len(distances) >= self.config.votes_needed:
                employee = self.repo.employees.get(employee_id)
                if employee is None or not employee.active:
                    continue
                session.employee = employee
                session.distance = round(sorted(distances)[len(distances) // 2], 4)
                session.identified_at = now
                return

    def _fail(
        self,
        session: _Session,
        frame: Frame,
        liveness: LivenessState,
        events: list[EngineEvent],
        kind: EventKind = EventKind.UNKNOWN,
    ) -> EventKind:
        """End this attempt as ``kind`` (UNKNOWN, or BLINK_NOT_SEEN for a recognised face
        that did not blink in time); both count toward offering the PIN."""
        self._failed_attempts += 1
        settings = self.settings
        offer_pin = settings.pin_fallback and self._failed_attempts >= settings.failed_attempts_before_pin
        events.append(
            EngineEvent(
                kind, frame.index, frame.timestamp, session.employee, session.distance,
                liveness.live, offer_pin=offer_pin,
            )
        )
        session.finished_status = kind
        session.retry_at = frame.timestamp + self.config.retry_after_s
        return kind


def create_analyzer(settings: Settings) -> FaceAnalyzer:
    """A face analyser configured by ``settings``: the one place the GUI, the CLI,
    enrollment and evaluation build it, so they all detect the same faces."""
    return FaceAnalyzer(settings.detector_config)
