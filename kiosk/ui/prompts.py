"""What the kiosk says for each engine event, in the screen's language.

The engine decides; this module only words it. A :class:`Prompt` carries the
text, a tone (colour cue) and which sound to play, so the screen stays dumb.
Strings are translated in context ``"Prompts"`` (spelled out at each call
so ``pyside6-lupdate`` finds them).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from PySide6.QtCore import QCoreApplication


class Tone(enum.Enum):
    """Colour cue of a prompt: green success, red failure, amber waiting."""

    WAITING = "waiting"
    SUCCESS = "success"
    FAILURE = "failure"


class Sound(enum.Enum):
    NONE = "none"
    SUCCESS = "success"
    FAILURE = "failure"


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
    kind: str = ""


RESULT_HOLD_S = 5.0
"""Seconds a check-in/out or failure message stays up (5: long enough to read
a name and time at walking pace, short enough for the next person)."""


def kind_name(kind: Any) -> str:
    """``EventKind.CHECKED_IN`` → ``"CHECKED_IN"``, whatever the enum's values are."""
    name = getattr(kind, "name", None)
    return (name if isinstance(name, str) else str(kind)).upper()


def local_time(at_utc: datetime, utc_offset_minutes: int) -> datetime:
    """An event's time on the kiosk's wall clock (the offset stored beside it)."""
    if at_utc.tzinfo is None:
        at_utc = at_utc.replace(tzinfo=timezone.utc)
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


def waiting_prompt() -> Prompt:
    return Prompt(QCoreApplication.translate("Prompts", "Look at the camera"), Tone.WAITING, kind="LOOK_AT_CAMERA")


def no_camera_prompt() -> Prompt:
    return Prompt(QCoreApplication.translate("Prompts", "No camera found"), Tone.FAILURE, kind="NO_CAMERA")


def outcome_prompt(outcome: Any, kind: str, last_kind: str | None = None) -> Prompt:
    """Words for an attendance ``Outcome`` (from a face or from the PIN fallback).

    For a cooldown the outcome carries no event, so ``last_kind`` ("in"/"out",
    the person's previous event) says which of "already checked in/out" applies.
    """
    name = outcome.employee.name
    event = outcome.event
    if kind == "CHECKED_IN" and event is not None:
        at = local_time(event.at_utc, event.utc_offset_minutes).strftime("%H:%M")
        text = QCoreApplication.translate("Prompts", "Welcome, {name} — checked in {time}").format(name=name, time=at)
        return Prompt(text, Tone.SUCCESS, Sound.SUCCESS, RESULT_HOLD_S, kind)
    if kind == "CHECKED_OUT" and event is not None:
        at = local_time(event.at_utc, event.utc_offset_minutes).strftime("%H:%M")
        if outcome.worked_today is not None:
            text = QCoreApplication.translate("Prompts", "Goodbye, {name} — checked out {time}, {worked} today").format(
                name=name, time=at, worked=format_duration(outcome.worked_today)
            )
        else:
            text = QCoreApplication.translate("Prompts", "Goodbye, {name} — checked out {time}").format(name=name, time=at)
        return Prompt(text, Tone.SUCCESS, Sound.SUCCESS, RESULT_HOLD_S, kind)
    ago = format_ago(outcome.seconds_since_last or 0.0)
    if last_kind == "out":
        text = QCoreApplication.translate("Prompts", "{name}, already checked out {ago} ago").format(name=name, ago=ago)
    else:
        text = QCoreApplication.translate("Prompts", "{name}, already checked in {ago} ago").format(name=name, ago=ago)
    return Prompt(text, Tone.WAITING, Sound.NONE, RESULT_HOLD_S, "COOLDOWN")


def event_prompt(event: Any, last_kind: str | None = None) -> Prompt | None:
    """The prompt for a one-off ``EngineEvent`` (check-in/out, cooldown, not recognised)."""
    kind = kind_name(event.kind)
    if kind == "UNKNOWN":
        return Prompt(QCoreApplication.translate("Prompts", "Not recognised — try again"), Tone.FAILURE, Sound.FAILURE, RESULT_HOLD_S, kind)
    if kind in ("CHECKED_IN", "CHECKED_OUT", "COOLDOWN"):
        if event.outcome is None:  # defensive: an engine bug must not crash the screen
            return None
        return outcome_prompt(event.outcome, kind, last_kind)
    return status_prompt(event.kind)


def status_prompt(status: Any) -> Prompt | None:
    """The waiting prompt for a ``FrameResult.status``, or None to keep the current one.

    Statuses that follow a one-off event (checked in, not recognised, …) keep
    the message that event put up.
    """
    kind = kind_name(status)
    if kind in ("NO_FACE", "LOOK_AT_CAMERA"):
        return Prompt(QCoreApplication.translate("Prompts", "Look at the camera"), Tone.WAITING, kind=kind)
    if kind == "BLINK_NEEDED":
        return Prompt(QCoreApplication.translate("Prompts", "Please blink"), Tone.WAITING, kind=kind)
    if kind == "FACE_SEEN":
        return Prompt(QCoreApplication.translate("Prompts", "Hold still…"), Tone.WAITING, kind=kind)
    return None


_PRIORITY = {Tone.SUCCESS: 3, Tone.FAILURE: 2}


def strongest(prompts: list[Prompt]) -> Prompt | None:
    """Of several events in one frame, the one a person most needs to see."""
    if not prompts:
        return None
    return max(prompts, key=lambda p: (_PRIORITY.get(p.tone, 0), p.hold_s))
