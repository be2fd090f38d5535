"""One settings object for the whole kiosk.

Each setting is declared exactly once, as a field of :class:`Settings` made by
:func:`setting`: its default, unit, allowed range or values and one line of
help live in a frozen :class:`SettingSpec` attached to the field (all of them:
:data:`SPECS`). Validation (:meth:`Settings.validated`), coercion of file and
environment values (:func:`~kiosk.settings.files.load_settings`), the admin settings page and
:data:`FIELD_HELP` read that declaration, so no range or default is written
twice.

The file and environment they load from, and audited saving, are
:mod:`kiosk.settings.files`.

Each setting also declares its :class:`Scope`. *Company-wide* settings are
attendance and security policy, which must be the same at every door: with a
company server HR sets them there (:mod:`kiosk.sync.company_settings`), kiosks pull
them with each sync, and the server's value overrides the kiosk's file
(:func:`~kiosk.settings.merge.with_company`). *Per-machine* settings describe one kiosk's hardware
and screen and only ever come from its own file.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import time
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from kiosk.errors import InputError
from kiosk.matching import STRICTNESS, MatchPolicy
from kiosk.vision.challenge import CHALLENGE_MODES, ChallengeMode
from kiosk.vision.config import DetectorConfig

if TYPE_CHECKING:
    pass

log = logging.getLogger("kiosk.settings")

#: Default seconds during which a second scan of the same person is ignored.
#: A minute covers someone lingering in front of the camera or scanning twice
#: to be sure, and is far shorter than any real visit between check-in and out.
DEFAULT_COOLDOWN_S = 60.0


#: Default minutes after a check-in during which a scan answers "already checked
#: in at 08:57" instead of checking out. Five minutes: nobody's visit is that
#: short, while someone who lingers, scans again to be sure, or is still in view
#: when the kiosk loses and finds their face is never checked out by accident.
DEFAULT_CHECKOUT_AFTER_MIN = 5


STRICTNESS_LEVELS: tuple[str, ...] = tuple(STRICTNESS)
"""The matching strictness levels, loosest first (the keys of :data:`kiosk.matching.STRICTNESS`)."""

LANGUAGES: tuple[str, ...] = ("en", "zh_CN")
"""Screen languages with a translation catalogue (English is the source language)."""

RETIRED_KEYS = frozenset({"store_photos"})
"""Keys older settings files may still hold; they are ignored without a warning.
``store_photos`` was removed because nothing ever read it (photos are never stored)."""

SettingValue = bool | int | float | str

_TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
_FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` and return it unchanged.

    The engine never imports Qt, but ``pyside6-lupdate`` finds translatable
    strings by this name alone, so running it over this file puts the help
    lines into the admin catalogue without copying them into the GUI. The
    admin page translates them when it shows them (context ``SettingsHelp``).
    """
    return text


class Scope(enum.StrEnum):
    """Who decides a setting when a kiosk has a company server."""

    COMPANY = "company"
    """Attendance or security policy: one value for every door, set by HR on the server.
    Two doors applying different rules to the same staff would make their
    records disagree (a scan ignored at one door counts at the other)."""
    MACHINE = "machine"
    """This kiosk's hardware or screen (camera, language, detector load): only
    its own file knows what suits it."""


@dataclass(frozen=True)
class SettingSpec:
    """The one declaration of a setting: its default, what it accepts, and its help line.

    ``default``: the value when neither the file nor the environment sets one;
    its type (bool, int, float or str) is the setting's type.
    ``help``: one line for the admin; says what the setting does and why,
    but not its default or range, which live in the other fields only.
    ``unit``: ``"s"`` (seconds), ``"min"`` (minutes), ``"px"`` (pixels), ``"days"``, ``"MB"``, or ``""`` for
    counts and text.
    ``minimum``/``maximum``: inclusive bounds of a number.
    ``step``: how far one click of the admin page's spin box moves a number.
    ``choices``: the only values a text setting may take.
    ``pattern``: a regular expression a non-empty text must match in full,
    with ``example`` quoted when it does not.
    ``required``: text that must not be empty.
    ``scope``: company-wide policy or this machine's own (:class:`Scope`).
    """

    default: SettingValue
    help: str
    unit: str = ""
    minimum: int | float | None = None
    maximum: int | float | None = None
    step: int | float = 1
    choices: tuple[str, ...] = ()
    pattern: str = ""
    example: str = ""
    required: bool = False
    scope: Scope = Scope.MACHINE

    def __post_init__(self) -> None:
        if self.kind in (int, float) and (self.minimum is None or self.maximum is None):
            raise TypeError("a numeric setting needs a minimum and a maximum")
        if self.kind is not str and (self.choices or self.pattern or self.required):
            raise TypeError("choices, pattern and required only apply to text settings")
        if not self.allows(self.default):
            raise TypeError(f"the default {self.default!r} breaks its own limits")

    @property
    def kind(self) -> type[bool] | type[int] | type[float] | type[str]:
        """The setting's Python type: that of its default."""
        return type(self.default)

    def coerce(self, name: str, raw: object) -> SettingValue:
        """``raw`` (from JSON or an environment variable) as this setting's type, checked.

        Text from the environment is parsed (``"90"``, ``"off"``); numbers must
        be finite and whole where the setting is. Raises :class:`InputError`
        naming ``name`` for anything else, including NaN, infinities, lists
        and numbers too large for a float.
        """
        value: SettingValue | None
        if self.kind is bool:
            value = _as_bool(raw)
        elif self.kind is int:
            value = _as_int(raw)
        elif self.kind is float:
            value = _as_float(raw)
        elif isinstance(raw, str):
            value = raw
        elif isinstance(raw, int) and not isinstance(raw, bool):
            value = str(raw)  # a camera index written as a JSON number
        else:
            value = None
        if value is None or not self.allows(value):
            raise InputError(self.expectation(name, raw))  # quotes what was written, not what it became
        return value

    def check(self, name: str, value: object) -> None:
        """Raise :class:`InputError` naming ``name`` unless ``value`` is allowed."""
        if not self.allows(value):
            raise InputError(self.expectation(name, value))

    def allows(self, value: object) -> bool:
        """Whether ``value`` has this setting's type and lies in its range, choices or pattern."""
        if self.kind is bool:
            return isinstance(value, bool)
        if self.kind is int:
            return isinstance(value, int) and not isinstance(value, bool) and self._in_range(value)
        if self.kind is float:
            return (
                isinstance(value, (int, float))
                and not isinstance(value, bool)
                and (isinstance(value, int) or math.isfinite(value))
                and self._in_range(value)
            )
        return (
            isinstance(value, str)
            and (bool(value.strip()) or not self.required)
            and (not self.choices or value in self.choices)
            and (not value or not self.pattern or re.fullmatch(self.pattern, value) is not None)
        )

    def expectation(self, name: str, value: object) -> str:
        """One line saying what ``name`` must be, and what it was instead."""
        shown = _shown(value)
        unit = f" {self.unit}" if self.unit else ""
        if self.kind is bool:
            return f"{name} must be true or false, not {shown}"
        if self.kind in (int, float):
            whole = "a whole number" if self.kind is int else "a number"
            low, high = _number(self.minimum), _number(self.maximum)
            return f"{name} must be {whole} between {low} and {high}{unit}, not {shown}"
        if self.choices:
            return f"{name} must be one of {', '.join(self.choices)}, not {shown}"
        if not isinstance(value, str):
            return f"{name} must be text, not {shown}"
        if self.required and not value.strip():
            return f"{name} must not be empty"
        return f"{name} must look like {self.example}, not {shown}"

    def _in_range(self, value: int | float) -> bool:
        assert self.minimum is not None and self.maximum is not None
        return self.minimum <= value <= self.maximum


def setting(default: SettingValue, *, scope: Scope, help: str, **limits: Any) -> Any:
    """A :class:`Settings` field whose default and :class:`SettingSpec` are declared together.

    ``scope`` has no default: every setting says whether it is company policy or this machine's own.
    """
    return dataclasses.field(default=default, metadata={"spec": SettingSpec(default, help, scope=scope, **limits)})


@dataclass(frozen=True)
class Settings:
    """Every tunable of the kiosk. Each field's default, unit, range and help
    line are its :class:`SettingSpec` (:data:`SPECS`); the docstring under each
    field gives the reason for its default."""

    strictness: str = setting(
        "normal",
        scope=Scope.COMPANY,
        choices=STRICTNESS_LEVELS,
        help=QT_TRANSLATE_NOOP(
            "SettingsHelp", "How sure a face match must be before it counts (normal is right for most sites)."
        ),
    )
    """"normal" is the only level measured against the accuracy targets (see :data:`kiosk.matching.STRICTNESS`).
    Company-wide: a looser door would let in a face that a stricter one refuses."""

    cooldown_s: float = setting(
        DEFAULT_COOLDOWN_S,
        scope=Scope.COMPANY,
        unit="s",
        minimum=0,
        maximum=3600,
        step=10,
        help=QT_TRANSLATE_NOOP(
            "SettingsHelp",
            "Seconds during which a second scan of the same person is ignored "
            "(long enough for a double scan, too short to hide a real return).",
        ),
    )
    """Seconds; :data:`kiosk.settings.specs.DEFAULT_COOLDOWN_S` (60 s) covers a double
    scan at the door, not a real return. The maximum stays short because a
    longer cooldown would start to swallow genuine check-outs.
    Company-wide: the same double scan must count once at every door."""

    checkout_after_min: int = setting(
        DEFAULT_CHECKOUT_AFTER_MIN,
        scope=Scope.COMPANY,
        unit="min",
        minimum=0,
        maximum=240,
        step=1,
        help=QT_TRANSLATE_NOOP(
            "SettingsHelp",
            "Minutes after a check-in during which a scan says 'already checked in' instead of checking out "
            "(0: a scan after the cooldown checks out).",
        ),
    )
    """Minutes; :data:`kiosk.settings.specs.DEFAULT_CHECKOUT_AFTER_MIN` (5): no real
    visit is that short, and someone who lingers or scans again to be sure is
    not checked out by accident. Up to 4 hours, for sites where a half day is
    the shortest shift; longer would start to hide genuine check-outs.
    Company-wide: when a scan becomes a check-out is an attendance rule, not a door's."""

    liveness_required: bool = setting(
        True,
        scope=Scope.COMPANY,
        help=QT_TRANSLATE_NOOP(
            "SettingsHelp",
            "Require a blink before a face check-in counts. Turning this off lets a printed photo check in.",
        ),
    )
    """On: without it a printed photo or a phone screen checks in.
    Company-wide: one door without it would be the way in for a photo."""

    liveness_timeout_s: float = setting(
        8.0,
        scope=Scope.COMPANY,
        unit="s",
        minimum=1,
        maximum=60,
        step=1,
        help=QT_TRANSLATE_NOOP(
            "SettingsHelp",
            "Seconds to wait for a recognised face to blink before saying 'blink not seen — please blink again' "
            "(most people blink every 2–6 s).",
        ),
    )
    """Seconds; 8 s, because most people blink every 2–6 s.
    Company-wide: part of the liveness policy, which every door applies alike."""

    liveness_challenge: str = setting(
        ChallengeMode.OFF.value,
        scope=Scope.COMPANY,
        choices=CHALLENGE_MODES,
        help=QT_TRANSLATE_NOOP(
            "SettingsHelp",
            "Ask for two random head movements as well as the blink, so a video replayed on a phone cannot check in "
            "(after_blink: once the blink is seen; always: as soon as the face is recognised).",
        ),
    )
    """Off: the challenge adds 2–5 s to every check-in and asks every employee to move on cue, which a site
    without a replay threat should not pay; sites that fear a phone replay turn it on (see the README).
    Company-wide: a replay defence protects only if every door asks for it."""

    camera: str = setting(
        "0",
        scope=Scope.MACHINE,
        required=True,
        help=QT_TRANSLATE_NOOP(
            "SettingsHelp", "Camera index (0, 1, …) or the path of a video file to use as the camera."
        ),
    )
    """The first camera the system lists, which on a kiosk is usually the only one.
    Per machine: every kiosk has its own camera."""

    language: str = setting(
        "en",
        scope=Scope.MACHINE,
        choices=LANGUAGES,
        help=QT_TRANSLATE_NOOP("SettingsHelp", "Language of the kiosk and admin screens."),
    )
    """English, the source language every string is written in.
    Per machine: each door's screen speaks to the people who use it."""

    sounds: bool = setting(
        True,
        scope=Scope.MACHINE,
        help=QT_TRANSLATE_NOOP("SettingsHelp", "Play a sound on success and on failure."),
    )
    """On: the sound confirms a check-in to someone who has already looked away from the screen.
    Per machine: a door beside a meeting room may need to be silent."""

    pin_fallback: bool = setting(
        True,
        scope=Scope.COMPANY,
        help=QT_TRANSLATE_NOOP(
            "SettingsHelp",
            "After repeated failures, offer check-in with employee code and personal PIN (recorded as source 'pin').",
        ),
    )
    """On: someone the camera keeps failing can still check in, and the event says it was by PIN.
    Company-wide: whether staff may check in without their face is security policy."""

    failed_attempts_before_pin: int = setting(
        3,
        scope=Scope.COMPANY,
        minimum=1,
        maximum=20,
        help=QT_TRANSLATE_NOOP("SettingsHelp", "Failed face attempts before the PIN fallback is offered."),
    )
    """Attempts; 3 gives the face two retries before the slower PIN path is offered.
    Company-wide: part of the PIN fallback policy."""

    device_id: str = setting(
        "kiosk-1",
        scope=Scope.MACHINE,
        required=True,
        help=QT_TRANSLATE_NOOP("SettingsHelp", "Name of this kiosk, written on every attendance event."),
    )
    """A name that is right for a site with one kiosk; rename it when there are several.
    Per machine: it names this kiosk."""

    sync_warning_after_min: int = setting(
        60,
        scope=Scope.COMPANY,
        unit="min",
        minimum=5,
        maximum=7 * 24 * 60,
        step=15,
        help=QT_TRANSLATE_NOOP(
            "SettingsHelp",
            "With a company server: minutes a check-in may wait to be sent before the kiosk screen "
            "warns admins that it cannot reach the server.",
        ),
    )
    """Minutes; an hour is far beyond a normal round (one a minute) or a router
    restart, and short enough that HR's reports are not missing a morning
    before someone looks. At least 5 (two or three rounds), at most a week.
    Company-wide: how long check-ins may be missing from HR's reports is one company rule."""

    template_retention_days: int = setting(
        30,
        scope=Scope.COMPANY,
        unit="days",
        minimum=1,
        maximum=3650,
        step=1,
        help=QT_TRANSLATE_NOOP(
            "SettingsHelp",
            "Days after an employee is deactivated until their face templates and personal PIN are erased "
            "for good (their attendance history is kept).",
        ),
    )
    """Days; 30 covers a deactivation by mistake or a return after a short
    break (reactivating within the period keeps the face), while a former
    employee's biometrics do not outlive the month. Erased by
    :mod:`kiosk.privacy` at start-up and once a day.
    Company-wide: how long former staff's biometrics are kept is a company (and legal)
    decision, which one door keeping them longer would defeat."""

    detect_width: int = setting(
        DetectorConfig.detect_width,
        scope=Scope.MACHINE,
        unit="px",
        minimum=160,
        maximum=4096,
        step=80,
        help=QT_TRANSLATE_NOOP(
            "SettingsHelp",
            "Frames are shrunk to this width in pixels before face detection "
            "(narrower is faster but misses faces further from the camera).",
        ),
    )
    """Pixels; :class:`kiosk.vision.config.DetectorConfig`'s 320 px costs a quarter
    of 640 px and still finds 80 px faces (98.7% of full-resolution detections
    on ``head-turn.mov``). Per machine: depends on this kiosk's processor and how far its camera is from faces."""

    upsample: int = setting(
        DetectorConfig.upsample,
        scope=Scope.MACHINE,
        minimum=0,
        maximum=2,
        help=QT_TRANSLATE_NOOP(
            "SettingsHelp",
            "Times the detector doubles the shrunk frame (1 finds faces down to ~40 px there; 0 is 4x cheaper).",
        ),
    )
    """Doublings; :class:`kiosk.vision.config.DetectorConfig`'s 1 finds faces down to
    about 40 px in the shrunk frame; 0 is four times cheaper but misses faces under 80 px there.
    Per machine: depends on this kiosk's processor and how far its camera is from faces."""

    workday_start: str = setting(
        "",
        scope=Scope.COMPANY,
        pattern=r"([01]?\d|2[0-3]):[0-5]\d",
        example="09:00",
        help=QT_TRANSLATE_NOOP(
            "SettingsHelp",
            "Local start of the working day as HH:MM, for late-arrival flags in reports; empty for none.",
        ),
    )
    """Local time of day, HH:MM; empty, because working hours differ per site and a
    wrong guess would flag people late. Company-wide: a late flag in HR's reports must mean the same at every door."""

    backup_folder: str = setting(
        "", scope=Scope.MACHINE,
        help=QT_TRANSLATE_NOOP("SettingsHelp", "Folder for the daily backup (a USB stick or a network share); "
                               "empty: no automatic backup. Whoever can read it can read faces and PIN hashes."),
    )
    """Empty: only the site knows where a safe second copy can live (``kiosk.ops.backup``)."""

    backup_keep: int = setting(
        7, scope=Scope.MACHINE, minimum=1, maximum=365,
        help=QT_TRANSLATE_NOOP("SettingsHelp", "Daily backups kept in the backup folder; older ones are deleted."),
    )
    """Backups; a week of dailies outlives a fault noticed a few days late, in little space."""

    disk_warning_mb: int = setting(
        500, scope=Scope.MACHINE, unit="MB", minimum=0, maximum=1_000_000, step=100,
        help=QT_TRANSLATE_NOOP("SettingsHelp", "Warn admins when the database's disk has less free space than this."),
    )
    """Megabytes; 500 MB is months of check-ins and logs, time enough for someone to act. 0: never warn."""

    def validated(self) -> Settings:
        """Return self, or raise :class:`InputError` naming the first bad field."""
        for field in fields(self):
            SPECS[field.name].check(field.name, getattr(self, field.name))
        return self

    @property
    def match_policy(self) -> MatchPolicy:
        """The open-set matching thresholds this ``strictness`` stands for."""
        return STRICTNESS[self.strictness]

    @property
    def detector_config(self) -> DetectorConfig:
        """How hard the face detector looks (``detect_width``, ``upsample``)."""
        return DetectorConfig(detect_width=self.detect_width, upsample=self.upsample)

    @property
    def workday_start_time(self) -> time | None:
        """``workday_start`` as a local time of day, or None when unset (no late flags)."""
        if not self.workday_start:
            return None
        SPECS["workday_start"].check("workday_start", self.workday_start)
        hours, minutes = (int(part) for part in self.workday_start.split(":"))
        return time(hours, minutes)

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied and validated."""
        return dataclasses.replace(self, **changes).validated()

    def to_json(self) -> dict[str, Any]:
        """Every field by name, as :func:`save_settings` writes it."""
        return dataclasses.asdict(self)


SPECS: Mapping[str, SettingSpec] = MappingProxyType({field.name: field.metadata["spec"] for field in fields(Settings)})
"""Every setting's :class:`SettingSpec`, by field name, in declaration order."""

FIELD_HELP: Mapping[str, str] = MappingProxyType({name: spec.help for name, spec in SPECS.items()})
"""Every setting's English help line, by field name (from :data:`SPECS`)."""

COMPANY_FIELDS: tuple[str, ...] = tuple(name for name, spec in SPECS.items() if spec.scope is Scope.COMPANY)
"""The company-wide settings, in declaration order (HR sets them on the server)."""

MACHINE_FIELDS: tuple[str, ...] = tuple(name for name, spec in SPECS.items() if spec.scope is Scope.MACHINE)
"""The per-machine settings, in declaration order (only ever from the kiosk's own file)."""


def _coerced(name: str, raw: object, source: str) -> SettingValue:
    try:
        return SPECS[name].coerce(name, raw)
    except InputError as exc:
        raise InputError(f"{exc} (in {source})") from None


def _as_bool(raw: object) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    return None


def _as_int(raw: object) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    number = _as_float(raw)
    if number is None or not number.is_integer():  # also refuses NaN and infinities
        return None
    return int(number)


def _as_float(raw: object) -> float | None:
    if isinstance(raw, bool):
        return None
    try:
        if isinstance(raw, (int, float)):
            return float(raw)
        if isinstance(raw, str):
            return float(raw.strip())
    except (ValueError, OverflowError):
        return None
    return None


def _shown(value: object) -> str:
    """``value`` for an error message: a Python literal, cut short so the message stays one line."""
    try:
        text = repr(value)
    except ValueError:  # an int too long for str()
        return "a number too large to show"
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."


def _number(value: int | float | None) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
