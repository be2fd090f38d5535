"""Checking in with employee code and personal PIN, when the face will not do.

The kiosk screen and ``kiosk pin-checkin`` both call :class:`PinCheckIn`, built
by :func:`kiosk.wiring.create_pin_checkin` with the same
:class:`~kiosk.attendance.scan.AttendanceRules` (in/out, cooldown, device id) as a
face check-in. Every attempt is audited with the code and the verdict, never
the PIN. Wrong PINs lock that code for a while, and many wrong PINs across
codes lock the fallback for the whole kiosk, so nobody can walk through every
4-digit PIN at the door.
"""

from __future__ import annotations

import enum
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from kiosk.attendance.scan import AttendanceRules, CheckInSource, Outcome
from kiosk.security.lockout import Lockout, LockoutPolicy
from kiosk.security.pins import PinStore
from kiosk.storage.repository import Repository

log = logging.getLogger("kiosk.pin")

PER_CODE_LOCKOUT = LockoutPolicy(attempts=5, lock_s=300.0)
"""Five wrong PINs for one code lock that code for five minutes: room for
typos, while trying all 10,000 four-digit PINs for one person takes a week."""
KIOSK_LOCKOUT = LockoutPolicy(attempts=20, lock_s=300.0)
"""Twenty wrong PINs in a row on any codes lock the fallback for everyone for
five minutes, so spreading guesses over many codes gains nothing."""

_KIOSK_KEY = "*"


class PinAnswer(enum.Enum):
    """What the kiosk says to one code + PIN attempt."""

    ACCEPTED = "accepted"
    REFUSED = "refused"
    LOCKED = "locked"


@dataclass(frozen=True)
class PinResult:
    """``outcome`` is set when ACCEPTED; ``locked_for_s`` (whole seconds) when LOCKED."""

    answer: PinAnswer
    outcome: Outcome | None = None
    locked_for_s: int = 0


@dataclass(frozen=True)
class RosterEntry:
    """One person on the kiosk's pick-your-name list: what they see and the code their pick stands for."""

    code: str
    name: str
    department: str


def pin_roster(repo: Repository) -> list[RosterEntry]:
    """Active staff for the PIN fallback's pick-your-name list, by department, then name, then code.

    Everyone active is listed, with or without a personal PIN, so the list does
    not tell a passer-by who has a PIN (a refused PIN says the same either way).
    Codes may contain letters, which a numeric keypad cannot type: picking a name
    types the code. Storage errors propagate as :class:`~kiosk.errors.StorageError`.
    """
    people = repo.employees.all(include_inactive=False)
    entries = [RosterEntry(person.code, person.name, person.department) for person in people]
    return sorted(entries, key=lambda entry: (entry.department.casefold(), entry.name.casefold(), entry.code))


def roster_departments(entries: list[RosterEntry]) -> list[str]:
    """The departments on ``entries`` in list order, each once (staff without one are under ""; it comes first)."""
    return list(dict.fromkeys(entry.department for entry in entries))


class PinCheckIn:
    """Verifies code + PIN, then records the check-in through the attendance rules."""

    def __init__(
        self,
        repo: Repository,
        rules: AttendanceRules,
        clock: Callable[[], datetime],
        *,
        per_code: LockoutPolicy = PER_CODE_LOCKOUT,
        kiosk_wide: LockoutPolicy = KIOSK_LOCKOUT,
    ) -> None:
        self.repo = repo
        self.pins = PinStore(repo)
        self.rules = rules
        self._per_code = Lockout(per_code, clock)
        self._kiosk = Lockout(kiosk_wide, clock)

    def roster(self) -> list[RosterEntry]:
        """Who may be picked on the kiosk (see :func:`pin_roster`)."""
        return pin_roster(self.repo)

    def check_in(self, code: str, pin: str) -> PinResult:
        """Check in or out the employee with ``code`` if ``pin`` is theirs.

        An unknown code, a wrong PIN, a deactivated employee and an employee
        without a PIN all give the same REFUSED answer, so the kiosk does not
        reveal which codes exist. Storage errors propagate as
        :class:`~kiosk.errors.StorageError`.
        """
        code = code.strip()
        locked_for = max(self._kiosk.locked_for(_KIOSK_KEY), self._per_code.locked_for(code))
        if locked_for > 0:
            self.repo.audit.record("kiosk", "pin_checkin_locked", f"code {code!r}")
            return PinResult(PinAnswer.LOCKED, locked_for_s=math.ceil(locked_for))
        employee = self.pins.verify_employee_pin(code, pin)
        if employee is None:
            self.repo.audit.record("kiosk", "pin_checkin_refused", f"code {code!r}")
            locked = self._per_code.failed(code)
            locked = self._kiosk.failed(_KIOSK_KEY) or locked
            if locked:
                log.warning("PIN check-in locked after repeated wrong PINs (code %r)", code)
                left = max(self._kiosk.locked_for(_KIOSK_KEY), self._per_code.locked_for(code))
                return PinResult(PinAnswer.LOCKED, locked_for_s=math.ceil(left))
            return PinResult(PinAnswer.REFUSED)
        self._per_code.succeeded(code)
        self._kiosk.succeeded(_KIOSK_KEY)
        # ``employee`` was read active with the PIN; any error of the write (a
        # busy or broken database, a clock outside the world's time zones) is
        # the caller's to report as itself, never as a refused PIN.
        outcome = self.rules.register(employee, distance=None, live=False, source=CheckInSource.PIN)
        self.repo.audit.record("kiosk", "pin_checkin_ok", f"code {code!r}: {outcome.kind.value}")
        return PinResult(PinAnswer.ACCEPTED, outcome)
