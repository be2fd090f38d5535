"""The head-movement challenge: a prompt a replayed video cannot follow.

A blink proves a face is not a printed photo, but a video of the employee
replayed on a phone blinks too. So, when ``Settings.liveness_challenge`` is on,
the kiosk then asks for head movements drawn at random (turn left, turn right,
look up, nod) and checks each with the head pose it already measures
(:mod:`kiosk.vision.pose`). A recording made earlier does not know which
movements will be drawn, nor when each is asked.

The rules (:class:`ChallengeConfig`):

* movements are drawn without repetition from an injected random source:
  :class:`random.SystemRandom` on a kiosk (unpredictable), a seeded
  :class:`random.Random` in tests and in ``kiosk liveness --challenge SEED``.
  Two movements in order give 12 equally likely challenges;
* poses are measured relative to the *reference*: the median pose over the
  half second before the challenge started (people do not face a camera at
  exactly 0°, and the generic 3-D model is off by a few degrees per person);
* a movement is done when the head holds it for ``hold_frames`` frames
  within ``window_s`` of its prompt; the next movement is asked on that frame;
* doing a *different* movement first fails the challenge (a replayed video
  whose person happens to move fails instead of being given time until the
  right movement comes by). The head must first come back near the reference
  after each prompt before a wrong movement counts, so a person still turned
  from the previous movement is not failed for it;
* no frame of the face for the whole window, or the window running out,
  fails it too.

Nothing here imports Qt: the kiosk screen draws :class:`ChallengeState`.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class ChallengeMode(StrEnum):
    """``Settings.liveness_challenge``: when the kiosk asks for head movements."""

    OFF = "off"
    """Blink only."""
    AFTER_BLINK = "after_blink"
    """Blink first; the challenge starts when the blink is accepted."""
    ALWAYS = "always"
    """The challenge starts as soon as the person is identified, without waiting for the blink; a blink is still
    required before the check-in (it may come before, during or after the movements)."""


CHALLENGE_MODES: tuple[str, ...] = tuple(mode.value for mode in ChallengeMode)


class Movement(StrEnum):
    """A head movement the kiosk may ask for. Left and right are the person's own."""

    TURN_LEFT = "turn_left"
    TURN_RIGHT = "turn_right"
    LOOK_UP = "look_up"
    NOD = "nod"
    """Down and back up."""


class ChallengeStatus(StrEnum):
    ASKING = "asking"
    PASSED = "passed"
    FAILED = "failed"


class FailReason(StrEnum):
    """Why a challenge failed (logged; the screen says "not recognised" either way)."""

    TIMED_OUT = "timed_out"
    WRONG_MOVEMENT = "wrong_movement"


@dataclass(frozen=True)
class ChallengeConfig:
    """Thresholds of the challenge. Angles in degrees, relative to the reference pose; times in seconds."""

    movements: int = 2
    """Movements per challenge. Two, in order, from four: 12 possible challenges, so a replayed video whose person
    happens to make two distinct head movements in some order still matches only 1 draw in 12 at best (and must
    also make each within its window, with no other movement first). One movement would leave 1 in 4."""
    window_s: float = 4.0
    """Time from a movement's prompt until it must be done. Reading a large prompt and starting to move takes
    about 1 s, a head turn about 0.5–1 s; 4 s doubles that for slow readers and older staff, while keeping short
    the time in which a replayed video's chance movements could match."""
    reference_s: float = 0.5
    """The reference pose is the median over this many seconds before the challenge starts."""
    turn_deg: float = 15.0
    """Yaw change that counts as a turn. Live jitter of the landmark pose is up to about 10° (the blink detector's
    measurement); the man in ``head-turn.mov`` turns to about 20° from where he faced when asked casually."""
    pitch_deg: float = 10.0
    """Pitch change that counts as looking up, or as the down half of a nod. Smaller than a turn: people tip their
    heads less than they turn them, and the generic model reads pitch at about two thirds of the true angle."""
    settle_fraction: float = 0.5
    """Back within this fraction of the thresholds counts as facing the screen again (for the end of a nod, and
    before a wrong movement may count)."""
    hold_frames: int = 2
    """Consecutive frames a movement (right or wrong) must be held: one frame of landmark noise is not a movement."""


def draw_movements(rng: random.Random, count: int = ChallengeConfig.movements) -> tuple[Movement, ...]:
    """``count`` distinct movements in random order, drawn from ``rng``.

    On a kiosk ``rng`` is :class:`random.SystemRandom` (the operating system's
    randomness, so nobody can predict the draw from the kiosk's start time or
    past draws); tests pass ``random.Random(seed)``.
    """
    return tuple(rng.sample(list(Movement), count))


def reference_pose(recent: Iterable[tuple[float, float, float]], start: float, within_s: float) -> tuple[float, float]:
    """Median (yaw, pitch) of the ``(timestamp, yaw, pitch)`` samples in the ``within_s`` seconds up to ``start``.

    With no sample in that span, the last sample before ``start`` is used; with none at all, (0, 0).
    """
    samples = [(t, yaw, pitch) for t, yaw, pitch in recent if t <= start + 1e-9]
    inside = [(yaw, pitch) for t, yaw, pitch in samples if start - t <= within_s + 1e-9]
    if not inside:
        if not samples:
            return 0.0, 0.0
        _t, yaw, pitch = samples[-1]
        return yaw, pitch
    return statistics.median(y for y, _p in inside), statistics.median(p for _y, p in inside)


@dataclass(frozen=True)
class ChallengeState:
    """What the challenge knows after a frame; the kiosk screen draws it.

    ``movements``: the whole draw. ``asked_at``: the timestamp (s) at which
    each movement was asked so far (one entry per asked movement).
    ``current``: the movement asked now (``None`` once passed or failed).
    ``done``: movements completed. ``progress``: 0–1, how far the head has
    gone towards the current movement's threshold. ``yaw``/``pitch``: this
    frame's pose relative to the reference, in degrees (``None`` without a face).
    """

    status: ChallengeStatus
    movements: tuple[Movement, ...]
    asked_at: tuple[float, ...]
    current: Movement | None
    done: tuple[Movement, ...]
    progress: float = 0.0
    yaw: float | None = None
    pitch: float | None = None
    reason: FailReason | None = None


class Challenge:
    """One challenge in progress: feed it the subject's pose frame by frame.

    ``reference``: the (yaw, pitch) the person faced when it started (see
    :func:`reference_pose`); ``started_at``: timestamp (s) of that frame, at
    which the first movement is asked.
    """

    def __init__(
        self,
        movements: Sequence[Movement],
        started_at: float,
        reference: tuple[float, float],
        config: ChallengeConfig | None = None,
    ) -> None:
        if not movements:
            raise ValueError("a challenge needs at least one movement")
        self.config = config or ChallengeConfig()
        self.movements = tuple(movements)
        self.reference = reference
        self._asked_at: list[float] = [started_at]
        self._done: list[Movement] = []
        self._held: dict[Movement, int] = {}
        self._nod_down = False
        self._settled = False
        self._status = ChallengeStatus.ASKING
        self._reason: FailReason | None = None
        self._last = ChallengeState(ChallengeStatus.ASKING, self.movements, (started_at,), self.movements[0], ())

    @property
    def state(self) -> ChallengeState:
        return self._last

    @property
    def current(self) -> Movement | None:
        return self.movements[len(self._done)] if self._status is ChallengeStatus.ASKING else None

    def _seen(self, yaw: float, pitch: float) -> set[Movement]:
        """Movements whose threshold this relative pose is past (a nod counts its down half here)."""
        config = self.config
        seen = set()
        if yaw >= config.turn_deg:
            seen.add(Movement.TURN_LEFT)
        if yaw <= -config.turn_deg:
            seen.add(Movement.TURN_RIGHT)
        if pitch >= config.pitch_deg:
            seen.add(Movement.LOOK_UP)
        if pitch <= -config.pitch_deg:
            seen.add(Movement.NOD)
        return seen

    def _progress(self, movement: Movement, yaw: float, pitch: float) -> float:
        config = self.config
        if movement is Movement.TURN_LEFT:
            value = yaw / config.turn_deg
        elif movement is Movement.TURN_RIGHT:
            value = -yaw / config.turn_deg
        elif movement is Movement.LOOK_UP:
            value = pitch / config.pitch_deg
        else:
            value = 1.0 if self._nod_down else -pitch / config.pitch_deg
        return max(0.0, min(1.0, value))

    def update(self, pose: tuple[float, float] | None, timestamp: float) -> ChallengeState:
        """Take this frame's subject pose ``(yaw, pitch)`` in degrees (``None`` without a usable face)."""
        if self._status is not ChallengeStatus.ASKING:
            return self._last
        current = self.movements[len(self._done)]
        config = self.config
        yaw = pitch = None
        progress = 0.0
        if pose is not None:
            yaw, pitch = pose[0] - self.reference[0], pose[1] - self.reference[1]
            seen = self._seen(yaw, pitch)
            settle_yaw = config.turn_deg * config.settle_fraction
            settle_pitch = config.pitch_deg * config.settle_fraction
            if abs(yaw) <= settle_yaw and abs(pitch) <= settle_pitch:
                self._settled = True
            for movement in Movement:
                self._held[movement] = self._held.get(movement, 0) + 1 if movement in seen else 0
            progress = self._progress(current, yaw, pitch)
            if current is Movement.NOD:
                if self._held[Movement.NOD] >= config.hold_frames:
                    self._nod_down = True
                completed = self._nod_down and pitch >= -settle_pitch
            else:
                completed = self._held[current] >= config.hold_frames
            wrong = self._settled and any(
                self._held[other] >= config.hold_frames
                for other in Movement
                if other is not current and not _compatible(current, other)
            )
            if completed:
                self._done.append(current)
                if len(self._done) == len(self.movements):
                    self._status = ChallengeStatus.PASSED
                else:
                    self._asked_at.append(timestamp)
                    self._held.clear()
                    self._nod_down = False
                    self._settled = False
                progress = 1.0
            elif wrong:
                self._fail(FailReason.WRONG_MOVEMENT)
        if self._status is ChallengeStatus.ASKING and timestamp - self._asked_at[-1] > config.window_s:
            self._fail(FailReason.TIMED_OUT)
        self._last = ChallengeState(
            self._status, self.movements, tuple(self._asked_at), self.current, tuple(self._done),
            progress, yaw, pitch, self._reason,
        )
        return self._last

    def _fail(self, reason: FailReason) -> None:
        self._status = ChallengeStatus.FAILED
        self._reason = reason


def _compatible(asked: Movement, other: Movement) -> bool:
    """Whether ``other`` may show while ``asked`` is being done: turning the head tilts its
    measured pitch a little, so pitch readings during a turn prompt are not held against it."""
    turning = asked in (Movement.TURN_LEFT, Movement.TURN_RIGHT)
    return turning and other in (Movement.LOOK_UP, Movement.NOD)
