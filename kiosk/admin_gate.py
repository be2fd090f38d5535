"""The admin gate: who may open administration, and when it closes again.

Plain Python over the repository and the injected clock: the window asks the
gate and draws its answer; tests drive it without Qt. Every decision is audited
(actor ``kiosk``): the PIN being set, each right or wrong PIN, refusals while
locked, and admin mode closing itself after idling.
"""

from __future__ import annotations

import enum
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from kiosk.lockout import Lockout, LockoutPolicy
from kiosk.security import check_pin_format, hash_secret, verify_secret
from kiosk.storage.repository import Repository

log = logging.getLogger("kiosk.admin")

ADMIN_PIN_KEY = "admin_pin_hash"
"""Repository setting holding the scrypt hash of the admin PIN."""

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
        self.clock = clock
        self.idle_s = idle_s
        self._lockout = Lockout(lockout, clock)
        self._open = False
        self._last_activity: datetime | None = None

    # ---- the PIN ------------------------------------------------------------
    @property
    def needs_setup(self) -> bool:
        """True until an admin PIN has been chosen (first run)."""
        return not self.repo.get_setting(ADMIN_PIN_KEY)

    def set_pin(self, pin: str, detail: str = "first run") -> None:
        """Store a new admin PIN (hashed; :class:`InputError` if it is not a valid PIN)."""
        check_pin_format(pin)
        self.repo.set_setting(ADMIN_PIN_KEY, hash_secret(pin))
        self.repo.record_audit(_ACTOR, "admin_pin_set", detail)
        log.info("admin PIN set")

    def check(self, pin: str) -> PinVerdict:
        """Check ``pin``; a right one opens the gate. Audited either way."""
        locked_for = self._lockout.locked_for(_KEY)
        if locked_for > 0:
            self.repo.record_audit(_ACTOR, "admin_pin_refused", "locked after repeated wrong PINs")
            return PinVerdict(GateAnswer.LOCKED, math.ceil(locked_for))
        stored = self.repo.get_setting(ADMIN_PIN_KEY)
        ok = bool(stored) and verify_secret(pin, stored or "")
        self.repo.record_audit(_ACTOR, "admin_pin_ok" if ok else "admin_pin_refused", "")
        if ok:
            self._lockout.succeeded(_KEY)
            self._open = True
            self._last_activity = self.clock()
            return PinVerdict(GateAnswer.OPENED)
        if self._lockout.failed(_KEY):
            log.warning("admin PIN locked for %.0f s after repeated wrong PINs", self._lockout.policy.lock_s)
            return PinVerdict(GateAnswer.LOCKED, math.ceil(self._lockout.policy.lock_s))
        return PinVerdict(GateAnswer.WRONG)

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
        self.repo.record_audit(_ACTOR, "admin_timeout", "admin mode left idle")
        self.close()
        return True
