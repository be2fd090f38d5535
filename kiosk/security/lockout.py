"""Refusing guessers: a few wrong tries in a row lock a key for a while.

Used by the admin gate (one key: the admin PIN) and by the employee PIN
check-in (one key per employee code, plus one for the whole kiosk). Time comes
from the injected clock, so tests move it instead of sleeping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    """``attempts`` wrong tries in a row lock the key for ``lock_s`` seconds."""

    attempts: int
    lock_s: float


class Lockout:
    """Counts consecutive failures per key and says how long a key stays locked.

    A success clears the key's count. While a key is locked every try is
    refused without being checked, so a locked PIN cannot be confirmed either.
    """

    def __init__(self, policy: LockoutPolicy, clock: Callable[[], datetime]) -> None:
        self.policy = policy
        self._clock = clock
        self._failures: dict[str, int] = {}
        self._locked_until: dict[str, datetime] = {}

    def locked_for(self, key: str) -> float:
        """Seconds until ``key`` accepts tries again (0.0 when it is not locked)."""
        until = self._locked_until.get(key)
        if until is None:
            return 0.0
        left = (until - self._clock()).total_seconds()
        if left <= 0:
            del self._locked_until[key]
            return 0.0
        return left

    def failed(self, key: str) -> bool:
        """Count one failure; True when this failure locked the key."""
        count = self._failures.get(key, 0) + 1
        if count >= self.policy.attempts:
            self._failures.pop(key, None)
            self._locked_until[key] = self._clock() + timedelta(seconds=self.policy.lock_s)
            return True
        self._failures[key] = count
        return False

    def succeeded(self, key: str) -> None:
        """Forget the key's earlier failures."""
        self._failures.pop(key, None)
