"""What the kiosk says for each engine event, in the screen's language.

The engine decides; this module only words it. A :class:`Prompt` carries the
text, a tone (colour cue) and which sound to play, so the screen stays dumb.
Strings are translated in context ``"Prompts"`` (spelled out at each call
so ``pyside6-lupdate`` finds them).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from PySide6.QtCore import QCoreApplication

from kiosk.attendance.scan import Outcome, OutcomeKind
from kiosk.engine import EngineEvent, EventKind
from kiosk.vision.challenge import Movement


class Tone(enum.Enum):
    """Colour cue of a prompt: green success, red failure, amber waiting."""

    WAITING = "waiting"
    SUCCESS = "success"
    FAILURE = "failure"


class Sound(enum.Enum):
    NONE = "none"
    SUCCESS = "success"
    FAILURE = "failure"


class PromptKind(enum.Enum):
    """Which message is up: the engine's statuses and events, plus the screen's own states."""

    LOOK_AT_CAMERA = "look_at_camera"
    FACE_SEEN = "face_seen"
    BLINK_NEEDED = "blink_needed"
    CHALLENGE = "challenge"
    UNKNOWN = "unknown"
    BLINK_NOT_SEEN = "blink_not_seen"
    NO_STAFF_ENROLLED = "no_staff_enrolled"
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"
    COOLDOWN = "cooldown"
    NO_CAMERA = "no_camera"
    ERROR = "error"
    ENGINE_FAILED = "engine_failed"
    SAVING = "saving"
    DATABASE_BUSY = "database_busy"


@dataclass(frozen=True)
class Prompt:
    """One message for the person at the kiosk.

    ``hold_s`` is how long it stays before the kiosk falls back to the
    waiting prompt (0: until the next event replaces it).
    """

    text: str
    tone: Tone
    sound: Sound = Sound.NONE
    hold_s: float = 0.0
    kind: PromptKind = PromptKind.LOOK_AT_CAMERA


RESULT_HOLD_S = 5.0
"""Seconds a check-in/out or failure message stays up (5: long enough to read
a name and time at walking pace, short enough for the next person)."""


def local_time(at_utc: datetime, utc_offset_minutes: int) -> datetime:
    """An event's time on the kiosk's wall clock (the offset stored beside it)."""
    if at_utc.tzinfo is None:
        at_utc = at_utc.replace(tzinfo=UTC)
    return at_utc.astimezone(timezone(timedelta(minutes=utc_offset_minutes)))


def format_duration(worked: timedelta) -> str:
    """``8 h 34 min`` (minutes rounded down: a kiosk never over-reports work)."""
    minutes = max(0, int(worked.total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    if hours == 0:
        return QCoreApplication.translate("Prompts", "{minutes} min").format(minutes=minutes)
    return QCoreApplication.translate("Prompts", "{hours} h {minutes} min").format(hours=hours, minutes=minutes)


def format_ago(seconds: float) -> str:
    """``40 s`` below two minutes, then whole minutes."""
    seconds = max(0, int(seconds))
    if seconds < 120:
        return QCoreApplication.translate("Prompts", "{seconds} s").format(seconds=seconds)
    return QCoreApplication.translate("Prompts", "{minutes} min").format(minutes=seconds // 60)


def saving_message() -> str:
    """"Saving your check-in…": decided, and waiting for the database (busy, or its disk full) to take it."""
    return QCoreApplication.translate("Prompts", "Saving your check-in…")


def waiting_prompt() -> Prompt:
    return Prompt(QCoreApplication.translate("Prompts", "Look at the camera"), Tone.WAITING)


def no_camera_prompt() -> Prompt:
    return Prompt(QCoreApplication.translate("Prompts", "No camera found"), Tone.FAILURE, kind=PromptKind.NO_CAMERA)


def no_staff_prompt() -> Prompt:
    """Nobody is enrolled: no face can be recognised and no PIN exists, so send them to an admin (no failure sound:
    it is not the person's fault)."""
    text = QCoreApplication.translate("Prompts", "No staff enrolled yet — ask an admin to enroll staff")
    return Prompt(text, Tone.FAILURE, Sound.NONE, RESULT_HOLD_S, PromptKind.NO_STAFF_ENROLLED)


def failure_prompt(text: str, kind: PromptKind = PromptKind.ERROR, sound: Sound = Sound.FAILURE) -> Prompt:
    """A red, held message with already translated ``text``."""
    return Prompt(text, Tone.FAILURE, sound, RESULT_HOLD_S, kind)


def outcome_prompt(outcome: Outcome) -> Prompt:
    """Words for an attendance :class:`Outcome` (from a face or from the PIN fallback).

    A cooldown writes no event; the person's ``previous`` event says whether
    they are "already checked in" or "already checked out".
    """
    name = outcome.employee.name
    event = outcome.event
    if outcome.kind is OutcomeKind.CHECKED_IN and event is not None:
        at = local_time(event.at_utc, event.utc_offset_minutes).strftime("%H:%M")
        text = QCoreApplication.translate("Prompts", "Welcome, {name} — checked in {time}").format(name=name, time=at)
        return Prompt(text, Tone.SUCCESS, Sound.SUCCESS, RESULT_HOLD_S, PromptKind.CHECKED_IN)
    if outcome.kind is OutcomeKind.CHECKED_OUT and event is not None:
        at = local_time(event.at_utc, event.utc_offset_minutes).strftime("%H:%M")
        if outcome.worked_today is not None:
            text = QCoreApplication.translate("Prompts", "Goodbye, {name} — checked out {time}, {worked} today").format(
                name=name, time=at, worked=format_duration(outcome.worked_today)
            )
        else:
            text = QCoreApplication.translate("Prompts", "Goodbye, {name} — checked out {time}").format(
                name=name, time=at
            )
        return Prompt(text, Tone.SUCCESS, Sound.SUCCESS, RESULT_HOLD_S, PromptKind.CHECKED_OUT)
    previous = outcome.previous
    if previous is None:  # defensive: a cooldown always follows an event
        ago = format_ago(outcome.seconds_since_last or 0.0)
        text = QCoreApplication.translate("Prompts", "{name}, already checked in {ago} ago").format(name=name, ago=ago)
        return Prompt(text, Tone.WAITING, Sound.NONE, RESULT_HOLD_S, PromptKind.COOLDOWN)
    # The wall-clock time of that event: "40 s ago" means little to someone who
    # wonders whether this morning's check-in counted.
    at = local_time(previous.at_utc, previous.utc_offset_minutes).strftime("%H:%M")
    if previous.kind == OutcomeKind.CHECKED_OUT.value:
        text = QCoreApplication.translate("Prompts", "{name}, already checked out at {time}").format(name=name, time=at)
    else:
        text = QCoreApplication.translate("Prompts", "{name}, already checked in at {time}").format(name=name, time=at)
    return Prompt(text, Tone.WAITING, Sound.NONE, RESULT_HOLD_S, PromptKind.COOLDOWN)


def event_prompt(event: EngineEvent) -> Prompt | None:
    """The prompt for a one-off engine event (check-in/out, cooldown, not recognised)."""
    if event.kind is EventKind.UNKNOWN:
        return failure_prompt(
            QCoreApplication.translate("Prompts", "Not recognised — try again"), PromptKind.UNKNOWN
        )
    if event.kind is EventKind.BLINK_NOT_SEEN:
        # They were recognised (their name is on the face box): only the blink is missing.
        return failure_prompt(
            QCoreApplication.translate("Prompts", "Blink not seen — please blink again"), PromptKind.BLINK_NOT_SEEN
        )
    if event.kind is EventKind.NO_STAFF_ENROLLED:
        return no_staff_prompt()
    if event.kind in (EventKind.CHECKED_IN, EventKind.CHECKED_OUT, EventKind.COOLDOWN):
        if event.outcome is None:  # defensive: an engine bug must not crash the screen
            return None
        return outcome_prompt(event.outcome)
    return status_prompt(event.kind)


def status_prompt(status: EventKind) -> Prompt | None:
    """The waiting prompt for a ``FrameResult.status``, or None to keep the current one.

    Statuses that follow a one-off event (checked in, not recognised, …) keep
    the message that event put up.
    """
    if status in (EventKind.NO_FACE, EventKind.LOOK_AT_CAMERA):
        return Prompt(QCoreApplication.translate("Prompts", "Look at the camera"), Tone.WAITING)
    if status is EventKind.BLINK_NEEDED:
        return Prompt(QCoreApplication.translate("Prompts", "Please blink"), Tone.WAITING, kind=PromptKind.BLINK_NEEDED)
    if status is EventKind.NO_STAFF_ENROLLED:
        return no_staff_prompt()
    if status is EventKind.SAVING:
        return Prompt(saving_message(), Tone.WAITING, kind=PromptKind.SAVING)
    if status is EventKind.FACE_SEEN:
        return Prompt(QCoreApplication.translate("Prompts", "Hold still…"), Tone.WAITING, kind=PromptKind.FACE_SEEN)
    return None


def challenge_prompt(movement: Movement) -> Prompt:
    """The prompt for the head movement asked now (``FrameResult.challenge.current``)."""
    texts = {
        Movement.TURN_LEFT: QCoreApplication.translate("Prompts", "Turn your head to your left"),
        Movement.TURN_RIGHT: QCoreApplication.translate("Prompts", "Turn your head to your right"),
        Movement.LOOK_UP: QCoreApplication.translate("Prompts", "Look up"),
        Movement.NOD: QCoreApplication.translate("Prompts", "Nod your head"),
    }
    return Prompt(texts[movement], Tone.WAITING, kind=PromptKind.CHALLENGE)
