"""The admin gate: who may open administration, and when it closes again.

Plain Python over the repository and the injected clock: the window asks the
gate and draws its answer; tests drive it without Qt. Every decision is audited
(actor ``kiosk``): the PIN being set, each right or wrong PIN, refusals while
locked, and admin mode closing itself after idling. Changing the PIN from the
settings page (actor ``admin``) needs the current one, which counts toward the
same lockout; resetting a forgotten PIN (``kiosk reset-admin-pin``) needs the
machine account that owns the database and key file, and is audited with the
OS user's name.
"""

from __future__ import annotations

import enum
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from kiosk.errors import InputError
from kiosk.security.hashing import ADMIN_PIN_MIN_DIGITS, check_pin_format
from kiosk.security.lockout import Lockout, LockoutPolicy
from kiosk.security.pins import PinStore
from kiosk.storage.repository import Repository

log = logging.getLogger("kiosk.admin")

ADMIN_PIN_KEY = "admin_pin_hash"
"""Repository setting holding the keyed scrypt hash of the admin PIN."""

PIN_ATTEMPTS_BEFORE_LOCK = 5
"""Wrong admin PINs in a row before the PIN is refused for a while: enough for
honest typos, few enough that guessing a 4-digit PIN at the door takes days."""
PIN_LOCK_S = 60.0
"""Seconds during which every admin PIN is refused after too many wrong ones."""
ADMIN_IDLE_S = 300.0
"""Admin mode closes after this many seconds without a key press or touch: an
admin called away does not leave the staff list open at the door, and five
minutes is longer than any step of an enrollment."""

_ACTOR = "kiosk"
_KEY = "admin"


class GateAnswer(enum.Enum):
    """What the gate said to one PIN."""

    OPENED = "opened"
    WRONG = "wrong"
    LOCKED = "locked"


class PinChange(enum.Enum):
    """What the gate said to a request to change the admin PIN."""

    CHANGED = "changed"
    WRONG_CURRENT = "wrong_current"
    LOCKED = "locked"
    TOO_SHORT = "too_short"
    """The new PIN is not :data:`~kiosk.security.hashing.ADMIN_PIN_MIN_DIGITS` to 12 digits."""
    MISMATCH = "mismatch"
    """The new PIN and its repetition differ."""


@dataclass(frozen=True)
class PinChangeVerdict:
    """The gate's answer to a PIN change; ``locked_for_s`` (whole seconds) is set when LOCKED."""

    answer: PinChange
    locked_for_s: int = 0


@dataclass(frozen=True)
class PinVerdict:
    """The gate's answer; ``locked_for_s`` (whole seconds) is set when ``answer`` is LOCKED."""

    answer: GateAnswer
    locked_for_s: int = 0


class AdminGate:
    """Admin PIN check with lockout, and the idle lock of admin mode.

    ``clock`` returns aware local time (the kiosk's clock). The gate is open
    from a right PIN until :meth:`close` or until :meth:`close_if_idle` finds
    ``idle_s`` seconds without :meth:`touch`.
    """

    def __init__(
        self,
        repo: Repository,
        clock: Callable[[], datetime],
        *,
        lockout: LockoutPolicy = LockoutPolicy(PIN_ATTEMPTS_BEFORE_LOCK, PIN_LOCK_S),
        idle_s: float = ADMIN_IDLE_S,
    ) -> None:
        self.repo = repo
        self.pins = PinStore(repo)
        self.clock = clock
        self.idle_s = idle_s
        self._lockout = Lockout(lockout, clock)
        self._open = False
        self._last_activity: datetime | None = None

    # ---- the PIN ------------------------------------------------------------
    @property
    def needs_setup(self) -> bool:
        """True until an admin PIN has been chosen (first run)."""
        return not self.repo.settings.get(ADMIN_PIN_KEY)

    def set_pin(self, pin: str, detail: str = "first run") -> None:
        """Store the first admin PIN (keyed hash; :class:`InputError` unless it has
        :data:`~kiosk.security.hashing.ADMIN_PIN_MIN_DIGITS` to 12 digits)."""
        self._store(pin, "admin_pin_set", detail, actor=_ACTOR)

    def check(self, pin: str) -> PinVerdict:
        """Check ``pin``; a right one opens the gate. Audited either way.

        A stored PIN that needs the key file while it is missing raises
        :class:`~kiosk.security.keyfile.PinKeyError` (and counts as no attempt).
        """
        answer, locked_for_s = self._verify(pin, "")
        if answer is GateAnswer.OPENED:
            self._open = True
            self._last_activity = self.clock()
        return PinVerdict(answer, locked_for_s)

    def change_pin(self, current: str, new: str, repeated: str) -> PinChangeVerdict:
        """Replace the admin PIN by ``new`` if ``current`` is the PIN now (admin mode only).

        The new PIN is checked first (length, ``repeated`` equal to it), so a
        typo there costs no attempt. A wrong ``current`` is audited and counts
        toward the same lockout as a wrong PIN at the gate, so the page cannot
        be used to guess the PIN of an admin who left the session open.
        """
        if not self._open:
            raise PermissionError("the admin PIN can only be changed in admin mode")
        try:
            check_pin_format(new, ADMIN_PIN_MIN_DIGITS)
        except InputError:
            return PinChangeVerdict(PinChange.TOO_SHORT)
        if new != repeated:
            return PinChangeVerdict(PinChange.MISMATCH)
        answer, locked_for_s = self._verify(current, "changing the admin PIN")
        if answer is GateAnswer.LOCKED:
            return PinChangeVerdict(PinChange.LOCKED, locked_for_s)
        if answer is GateAnswer.WRONG:
            return PinChangeVerdict(PinChange.WRONG_CURRENT)
        self._store(new, "admin_pin_changed", "on the settings page", actor="admin")
        return PinChangeVerdict(PinChange.CHANGED)

    def reset_pin(self, pin: str, os_user: str, *, new_key: bool = False) -> int:
        """Set ``pin`` without knowing the old one: the forgotten-PIN recovery of ``kiosk reset-admin-pin``.

        Whoever can run this can already write the database and read the key
        file, i.e. owns the kiosk's machine account; the audit entry names
        that OS user. ``new_key`` first replaces a lost or damaged key file,
        which clears every personal PIN (returns how many; 0 otherwise).
        """
        check_pin_format(pin, ADMIN_PIN_MIN_DIGITS)
        cleared = self.pins.replace_key(actor="cli") if new_key else 0
        self._store(pin, "admin_pin_reset", f"from the command line by OS user {os_user!r}", actor="cli")
        return cleared

    def _store(self, pin: str, action: str, detail: str, *, actor: str) -> None:
        check_pin_format(pin, ADMIN_PIN_MIN_DIGITS)
        self.repo.settings.set(ADMIN_PIN_KEY, self.pins.hash(pin))
        self.repo.audit.record(actor, action, detail)
        log.info("admin PIN stored (%s)", action)

    def _verify(self, pin: str, refused_detail: str) -> tuple[GateAnswer, int]:
        """Check ``pin`` under the lockout and audit it; OPENED means right, nothing more."""
        locked_for = self._lockout.locked_for(_KEY)
        if locked_for > 0:
            self.repo.audit.record(_ACTOR, "admin_pin_refused", "locked after repeated wrong PINs")
            return GateAnswer.LOCKED, math.ceil(locked_for)
        stored = self.repo.settings.get(ADMIN_PIN_KEY)
        ok = bool(stored) and self.pins.verify(pin, stored or "")
        self.repo.audit.record(_ACTOR, "admin_pin_ok" if ok else "admin_pin_refused", "" if ok else refused_detail)
        if ok:
            self._lockout.succeeded(_KEY)
            return GateAnswer.OPENED, 0
        if self._lockout.failed(_KEY):
            log.warning("admin PIN locked for %.0f s after repeated wrong PINs", self._lockout.policy.lock_s)
            return GateAnswer.LOCKED, math.ceil(self._lockout.policy.lock_s)
        return GateAnswer.WRONG, 0

    # ---- admin mode ---------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._open

    def touch(self) -> None:
        """An admin pressed a key or touched the screen: the idle time starts again."""
        if self._open:
            self._last_activity = self.clock()

    def idle_for(self) -> float:
        """Seconds since the last activity in admin mode (0.0 when closed)."""
        if not self._open or self._last_activity is None:
            return 0.0
        return (self.clock() - self._last_activity).total_seconds()

    def close(self) -> None:
        """Leave admin mode (the admin chose to)."""
        self._open = False
        self._last_activity = None

    def close_if_idle(self) -> bool:
        """Close and audit if admin mode has idled ``idle_s`` seconds; True if it closed now."""
        if not self._open or self.idle_for() < self.idle_s:
            return False
        log.info("admin mode idle for %.0f s; locking", self.idle_for())
        self.repo.audit.record(_ACTOR, "admin_timeout", "admin mode left idle")
        self.close()
        return True
